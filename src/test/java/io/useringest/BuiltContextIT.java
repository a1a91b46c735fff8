package io.useringest;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.ChildJvm;
import io.useringest.support.Http;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as main starts it: on the bean definitions the build prepared (Spring's
 * ahead-of-time processing), which the in-process suites do not use. Every surface
 * answers as it does on a context built at run time, and what those definitions cannot
 * hold (the settings, the schedule switched off) is still read when the service starts.
 */
class BuiltContextIT {

    @TempDir
    Path dir;

    @Test
    void theServiceStartsOnThePreparedDefinitionsAndServesEverySurface() throws Exception {
        try (HealthyService service = HealthyService.start(this, Map.of("ADMIN_PASSWORD", "built-context"))) {
            Http http = service.http();
            awaitUsers(http, 100);
            assertThat(log()).contains("Starting AOT-processed UserIngestApplication");
            HttpResponse<String> stats = http.get("/stats");
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(Http.json(stats).get("count").asInt()).isEqualTo(100);
            assertThat(http.get("/data?limit=2", "text/csv").body().lines()).hasSize(3);
            assertThat(http.get("/v3/api-docs").body()).contains("\"openapi\"");
            assertThat(http.get("/admin/login", "text/html").body()).contains("<form");
            HttpResponse<String> anonymous = http.post("/data", null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");
            assertThat(http.post("/data", Http.basic("admin", "built-context")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theScheduleSwitchedOffIsHonoured() throws Exception {
        try (HealthyService service = HealthyService.start(this, Map.of("USERINGEST_SCHEDULE_ENABLED", "false"))) {
            Thread.sleep(2000);
            assertThat(Http.json(service.http().get("/runs")).size()).as("no start-up run").isZero();
            assertThat(log()).contains("Starting AOT-processed UserIngestApplication");
        }
    }

    /**
     * The service started in a child JVM on a free port, answering its health check;
     * stopped on close.
     */
    private record HealthyService(Process process, Http http) implements AutoCloseable {

        static HealthyService start(BuiltContextIT test, Map<String, String> settings) throws Exception {
            int port = freePort();
            Map<String, String> withPort = new HashMap<>(settings);
            withPort.put("SERVER_PORT", String.valueOf(port));
            HealthyService service = new HealthyService(test.start(withPort), new Http(port));
            try {
                test.awaitHealthy(service.http(), service.process());
            }
            catch (Exception | AssertionError e) {
                service.close();
                throw e;
            }
            return service;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private Process start(Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("DATA_DIR", dir.resolve("data").toString());
        environment.put("STORAGE_EMBEDDED_PORT", "0");
        return ChildJvm.start(dir, environment, List.of("-Xmx256m"), dir.resolve("out.txt"), dir.resolve("err.txt"));
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("out.txt"));
    }

    private void awaitHealthy(Http http, Process service) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service is running: %s", log()).isTrue();
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return;
                }
            }
            catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not become healthy within 90 s: " + log());
    }

    private static void awaitUsers(Http http, int count) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Http.json(http.get("/stats")).get("count").asInt() == count) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the start-up run did not load the demo data's " + count + " users within 60 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
