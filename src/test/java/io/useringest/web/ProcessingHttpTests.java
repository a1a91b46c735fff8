package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.LoginThrottle;
import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.ObjectStore;
import io.useringest.support.Http;
import io.useringest.support.Network;
import io.useringest.support.TestStorage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * POST /data, GET /runs and GET /runs/{id} over HTTP against the whole app, with a
 * storage server of its own; run once per database by the subclasses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ProcessingHttpTests {

    static final String ADMIN = Http.basic("admin", "test-secret");
    static Path dir;
    static Path s3;
    static EmbeddedS3Server server;
    static int s3Port;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("processing-http");
        s3 = dir.resolve("s3");
        server = EmbeddedS3Server.start(s3, 0, "minioadmin", "minioadmin");
        s3Port = server.port();
        ObjectStore store = TestStorage.storeOf(server);
        store.createBucketIfMissing("source");
        Files.list(TestStorage.sampleData()).forEach(file -> {
            try {
                store.put("source", "sample/" + file.getFileName(), Files.readAllBytes(file),
                        "application/octet-stream");
            }
            catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        registry.add("storage.endpoint", server::endpoint);
        registry.add("data.dir", dir::toString);
        registry.add("admin.password", () -> "test-secret");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void postDataNeedsTheAdmin() {
        Http http = new Http(port);
        HttpResponse<String> anonymous = http.post("/data", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"user-ingest\"");
        assertThat(Http.json(anonymous).get("status").asInt()).isEqualTo(401);
        assertThat(http.post("/data", Http.basic("admin", "wrong")).statusCode()).isEqualTo(401);
        assertThat(http.post("/data", Http.basic("someone", "test-secret")).statusCode()).isEqualTo(401);
    }

    /**
     * HTTP Basic failures are throttled per client like the console's logins: after five
     * wrong passwords a client waits (429, Retry-After) before even the right one is
     * checked; another client is not held up.
     */
    @Test
    void failedBasicLoginsAreThrottledPerClient() {
        Http http = new Http(port);
        String guesser = "203.0.113.7";
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(http.getAs(guesser, "/runs", Http.basic("admin", "guess" + i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> held = http.getAs(guesser, "/runs", Http.basic("admin", "test-secret"));
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.headers().firstValue("Content-Type"))
            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(held.headers().firstValue("Retry-After"))
            .hasValueSatisfying(seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3L));
        assertThat(Http.json(held).get("detail").asString()).contains("too many failed logins");
        assertThat(http.getAs("203.0.113.8", "/runs", Http.basic("admin", "test-secret")).statusCode()).isEqualTo(200);
    }

    /**
     * With external storage (a deployment) and no SERVER_ADDRESS, HTTP listens on every
     * interface: the service is reached from the network, not only from this machine.
     */
    @Test
    void withExternalStorageHttpListensOnEveryInterface() throws Exception {
        InetAddress external = Network.externalAddress();
        assertThat(Network.accepts(external, port)).as("a connection to %s:%d", external, port).isTrue();
    }

    @Test
    void postDataRunsAndAnswersWithTheReport() {
        Http http = new Http(port);
        Instant asked = Instant.now();
        HttpResponse<String> response = http.post("/data", ADMIN);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = Http.json(response);
        assertThat(report.get("status").asString()).isEqualTo("succeeded");
        assertThat(report.get("trigger").asString()).isEqualTo("request");
        assertThat(report.get("users_total").asLong()).isEqualTo(100);
        assertThat(Instant.parse(report.get("started_at").asString())).isAfterOrEqualTo(asked.minusMillis(1));
        for (String counter : List.of("objects_listed", "objects_read", "users_added", "users_updated", "users_removed",
                "users_unchanged", "users_total", "rejected", "warnings", "error", "finished_at", "id")) {
            assertThat(report.has(counter)).as(counter).isTrue();
        }

        JsonNode runs = Http.json(http.get("/runs?limit=1"));
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("id").asLong()).isEqualTo(report.get("id").asLong());
        JsonNode one = Http.json(http.get("/runs/" + report.get("id").asLong()));
        assertThat(one.get("users_total").asLong()).isEqualTo(100);
    }

    @Test
    void badParametersAndUnknownRunsAreProblems() {
        Http http = new Http(port);
        HttpResponse<String> force = http.post("/data?force=yes", ADMIN);
        assertThat(force.statusCode()).isEqualTo(400);
        assertThat(Http.json(force).get("detail").asString()).contains("'force'").contains("true, false, 1 or 0");
        assertThat(http.post("/data?forse=true", ADMIN).statusCode()).isEqualTo(400);
        assertThat(http.post("/data?force=true&force=false", ADMIN).statusCode()).isEqualTo(400);
        for (String bad : List.of("/runs?limit=0", "/runs?limit=1001", "/runs?limit=x", "/runs?limt=5", "/runs/abc")) {
            HttpResponse<String> response = http.get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        HttpResponse<String> missing = http.get("/runs/999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(Http.json(missing).get("detail").asString()).isEqualTo("no run with id 999999");
    }

    @Test
    void concurrentRequestsShareRunsThatStartedAfterThemAndRunsNeverOverlap() throws Exception {
        Http http = new Http(port);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Future<Object[]>> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            answers.add(clients.submit(() -> {
                Instant asked = Instant.now();
                HttpResponse<String> response = http.post("/data", ADMIN);
                return new Object[] { asked, response };
            }));
            Thread.sleep(i % 3 == 0 ? 15 : 0);
        }
        Set<Long> runIds = new HashSet<>();
        for (Future<Object[]> answer : answers) {
            Instant asked = (Instant) answer.get()[0];
            @SuppressWarnings("unchecked")
            HttpResponse<String> response = (HttpResponse<String>) answer.get()[1];
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode report = Http.json(response);
            assertThat(Instant.parse(report.get("started_at").asString())).as("the run started after the request")
                .isAfterOrEqualTo(asked.truncatedTo(ChronoUnit.MILLIS));
            runIds.add(report.get("id").asLong());
        }
        clients.shutdown();
        assertThat(runIds.size()).as("requests share runs").isLessThan(24);
        List<JsonNode> runs = new ArrayList<>();
        Http.json(http.get("/runs?limit=1000")).forEach(runs::add);
        // As instants: ISO strings drop zero milliseconds ("…:03Z" sorts after
        // "…:03.2Z").
        runs.sort(Comparator.comparing(r -> Instant.parse(r.get("started_at").asString())));
        for (int i = 1; i < runs.size(); i++) {
            Instant previousEnd = Instant.parse(runs.get(i - 1).get("finished_at").asString());
            Instant start = Instant.parse(runs.get(i).get("started_at").asString());
            assertThat(start).as("run %s starts after run %s ends", runs.get(i).get("id"), runs.get(i - 1).get("id"))
                .isAfterOrEqualTo(previousEnd);
        }
    }

    @Test
    void aFailedRunIs503WithTheReport() throws Exception {
        Http http = new Http(port);
        server.close();
        try {
            HttpResponse<String> response = http.post("/data", ADMIN);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            JsonNode problem = Http.json(response);
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("run").get("status").asString()).isEqualTo("failed");
            assertThat(problem.get("run").get("error").asString()).startsWith("storage failed");
        }
        finally {
            server = EmbeddedS3Server.start(s3, s3Port, "minioadmin", "minioadmin");
        }
        assertThat(http.post("/data", ADMIN).statusCode()).isEqualTo(200);
    }

}
