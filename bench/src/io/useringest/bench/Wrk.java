package io.useringest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return run(port, path, connections, seconds, List.of());
    }

    /**
     * Requests for {@code pathFormat} with a user id drawn at random from {@code q0000000} to the {@code users}th
     * (the bench's query users) in place of its {@code %s}, each wrk thread its own sequence: pages not asked for
     * before, so none is sent from the pages the service keeps.
     */
    static Wrk runRandomUserIds(int port, String pathFormat, int users, int connections, double seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-random-", ".lua");
        try {
            Files.writeString(script, """
                    local threads = 0
                    function setup(thread)
                      threads = threads + 1
                      thread:set("seed", threads)
                    end
                    function init(args)
                      math.randomseed(seed * 7919)
                    end
                    function request()
                      local id = string.format("q%%07d", math.random(0, %d - 1))
                      return wrk.format(nil, string.format("%s", id))
                    end
                    """.formatted(users, pathFormat));
            return run(port, pathFormat.formatted("random"), connections, seconds, List.of("-s", script.toString()));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Wrk run(int port, String path, int connections, double seconds, List<String> options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t", String.valueOf(Math.min(connections, 2)), "-c",
                String.valueOf(connections), "-d", Math.round(seconds) + "s", "--latency"));
        command.addAll(options);
        command.add("http://127.0.0.1:" + port + path);
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
