package io.useringest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One whole download by curl (a process of its own), timed by curl itself: bytes and seconds. */
record Curl(long bytes, double seconds) {

    /** The fastest of {@code times} downloads of the same path. */
    static Curl fastest(int port, String path, int times) throws IOException, InterruptedException {
        Curl best = null;
        for (int i = 0; i < times; i++) {
            Curl one = download(port, path);
            if (best == null || one.seconds() < best.seconds()) {
                best = one;
            }
        }
        return best;
    }

    static Curl download(int port, String path) throws IOException, InterruptedException {
        List<String> command = List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}",
                "http://127.0.0.1:" + port + path);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String[] out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
        if (curl.waitFor() != 0 || out.length != 3 || !out[0].equals("200")) {
            throw new IllegalStateException(String.join(" ", command) + " answered " + String.join(" ", out));
        }
        return new Curl(Long.parseLong(out[1]), Double.parseDouble(out[2]));
    }
}
