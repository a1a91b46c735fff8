package io.useringest.bench;

import io.useringest.storage.EmbeddedS3Server;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded S3 server (S3Proxy over a folder) in a JVM of its own, so that the benchmark's JVM holds only the
 * pipeline and its CPU time is the pipeline's own. The child prints its endpoint and serves until its stdin closes.
 */
final class ChildS3Server implements AutoCloseable {

    private final Process process;

    private final String endpoint;

    private ChildS3Server(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts a child JVM serving {@code folder} (buckets are its sub-folders). */
    static ChildS3Server start(Path folder) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), ChildS3Server.class.getName(), folder.toString()))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("endpoint ")) {
            line = out.readLine();
        }
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the child S3 server did not start");
        }
        // Whatever it prints later is read and dropped, so a full pipe never stops it.
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(Writer.nullWriter());
            } catch (IOException e) {
                // the child is gone
            }
        }, "child-s3-output");
        drain.setDaemon(true);
        drain.start();
        return new ChildS3Server(process, line.substring("endpoint ".length()));
    }

    String endpoint() {
        return endpoint;
    }

    /** CPU seconds the child has used so far (its own work: S3 requests and the files behind them). */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        try (EmbeddedS3Server server = EmbeddedS3Server.start(Path.of(args[0]), 0, "minioadmin", "minioadmin")) {
            System.out.println("endpoint " + server.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes stdin or stops this process
            }
        }
    }

}
