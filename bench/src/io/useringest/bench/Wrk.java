package io.useringest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One wrk run (Debian's {@code wrk}, a process of its own, so the client does not share this JVM with the servers
 * it measures): requests per second and the median latency.
 */
record Wrk(double requestsPerSecond, double p50Millis) {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern MEDIAN = Pattern.compile("\\n\\s+50%\\s+([0-9.]+)(us|ms|s)\\b");
    private static final Pattern FAILED = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    static Wrk run(int port, String path, int connections, double seconds) throws IOException, InterruptedException {
        List<String> command = List.of("wrk", "-t", String.valueOf(Math.min(connections, 2)), "-c",
                String.valueOf(connections), "-d", Math.round(seconds) + "s", "--latency",
                "http://127.0.0.1:" + port + path);
        Process wrk;
        try {
            wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("the query cells need wrk: apt-get install wrk (" + e.getMessage() + ")");
        }
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        Matcher failed = FAILED.matcher(out);
        if (failed.find()) {
            throw new IllegalStateException(path + ": " + failed.group() + "\n" + out);
        }
        Matcher rate = RATE.matcher(out);
        Matcher median = MEDIAN.matcher(out);
        if (!rate.find() || !median.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        double p50 = Double.parseDouble(median.group(1));
        double millis = switch (median.group(2)) {
            case "us" -> p50 / 1000;
            case "ms" -> p50;
            default -> p50 * 1000;
        };
        return new Wrk(Double.parseDouble(rate.group(1)), millis);
    }
}
