package io.useringest.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up as a user sees it, from outside: the built service started as a child process, the time from launching
 * it to its first 200 on /actuator/health, and the wall time of `process` over an unchanged source of the 100 demo
 * users. Each is taken with `bin/user-ingest` (extracted jar, a cache of its classes) and with the baseline, a plain
 * `java -jar target/user-ingest.jar` with the same heap options, both on the runtime bin/user-ingest picks (JAVA_HOME's
 * java, or the one on the PATH); restarts on a data folder that already holds the
 * demo data (a first start also uploads it). The median of three of each.
 */
final class StartUp {

    record Figures(String runtime, double serviceScript, double serviceJar, double processScript,
            double processJar, double preparation) {
    }

    /** The java bin/user-ingest runs: JAVA_HOME's (when set and not empty), or the one on the PATH. */
    static final String JAVA = System.getenv().getOrDefault("JAVA_HOME", "").isEmpty() ? "java"
            : Path.of(System.getenv("JAVA_HOME"), "bin", "java").toString();

    private static final List<String> JAR = List.of(JAVA, "-XX:+UseSerialGC", "-Xmx256m", "-jar",
            "target/user-ingest.jar");

    private static final List<String> SCRIPT = List.of("bin/user-ingest");

    private final Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private StartUp(Path data) {
        this.data = data;
    }

    static Figures measure(Path work) throws Exception {
        StartUp startUp = new StartUp(work.resolve("startup-data"));
        // The script's one-time preparation (extraction, the training run) and the demo upload happen here.
        double preparation = startUp.toHealth(SCRIPT);
        startUp.toHealth(JAR);
        double serviceScript = startUp.median(() -> startUp.toHealth(SCRIPT));
        double serviceJar = startUp.median(() -> startUp.toHealth(JAR));
        double processScript = startUp.median(() -> startUp.process(SCRIPT));
        double processJar = startUp.median(() -> startUp.process(JAR));
        return new Figures(runtime(), serviceScript, serviceJar, processScript, processJar, preparation);
    }

    /** The first line of the runtime's -version, e.g. openjdk version "17.0.15" 2025-04-15. */
    private static String runtime() throws IOException, InterruptedException {
        Process version = new ProcessBuilder(JAVA, "-version").redirectErrorStream(true).start();
        String out = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        version.waitFor();
        return out.lines().findFirst().orElse("an unknown runtime");
    }

    private interface Timed {

        double seconds() throws Exception;

    }

    private double median(Timed timed) throws Exception {
        double[] times = { timed.seconds(), timed.seconds(), timed.seconds() };
        Arrays.sort(times);
        return times[1];
    }

    /** Seconds from launching the service to its first 200 on /actuator/health; then stops it. */
    private double toHealth(List<String> command) throws Exception {
        int port = freePort();
        ProcessBuilder builder = builder(command, port);
        long start = System.nanoTime();
        Process service = builder.start();
        try {
            URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
            while (!healthy(health)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(command + " exited with " + service.exitValue() + "; see "
                            + data.resolveSibling("startup.log"));
                }
                if (System.nanoTime() - start > 120_000_000_000L) {
                    throw new IllegalStateException(command + " did not answer /actuator/health within 120 s");
                }
                Thread.sleep(20);
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            stop(service);
        }
    }

    /** Wall seconds of `process` over the unchanged source. */
    private double process(List<String> command) throws Exception {
        List<String> withArgument = new ArrayList<>(command);
        withArgument.add("process");
        ProcessBuilder builder = builder(withArgument, freePort());
        long start = System.nanoTime();
        Process run = builder.start();
        int exit = run.waitFor();
        if (exit != 0) {
            throw new IllegalStateException(withArgument + " exited with " + exit + "; see "
                    + data.resolveSibling("startup.log"));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private ProcessBuilder builder(List<String> command, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.remove("JAVA_OPTS");
        env.put("DATA_DIR", data.toString());
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("STORAGE_EMBEDDED_PORT", Integer.toString(freePort()));
        env.put("PROCESSING_INTERVAL", "1h");
        Files.createDirectories(data.getParent());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling("startup.log").toFile()));
        return builder;
    }

    private boolean healthy(URI health) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM to the process and its children (the script execs java, so it is one process). */
    private static void stop(Process service) throws InterruptedException {
        service.descendants().forEach(ProcessHandle::destroy);
        service.destroy();
        if (!service.waitFor(30, TimeUnit.SECONDS)) {
            service.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
