package io.useringest.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.UserIngestApplication;
import io.useringest.events.MinioEventPayloadTest;
import io.useringest.processing.ProcessingSchedule;
import io.useringest.processing.ProcessingService;
import io.useringest.support.ChildJvm;
import io.useringest.support.Http;
import io.useringest.support.TestDatabase;
import io.useringest.support.TestStorage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Several instances on one PostgreSQL and one S3 server: runs never overlap, a request on
 * any instance gets a run that started after it, a killed lock holder is taken over, and
 * every instance answers the same.
 */
class TwoInstancesIT {

    static final String ADMIN = Http.basic("admin", "cluster-secret");

    /** Users for instance C's run, enough that it is still running when C is killed. */
    static final int BULK = 6000;

    @TempDir
    Path dir;

    private Map<String, Object> settings(String databaseUrl, String bucket) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("storage.endpoint", TestStorage.server().endpoint());
        properties.put("data.dir", dir.toString());
        properties.put("database.url", databaseUrl);
        properties.put("database.user", "postgres");
        properties.put("source.bucket", bucket + "-src");
        properties.put("output.bucket", bucket + "-out");
        properties.put("admin.password", "cluster-secret");
        properties.put("events.token", "cluster-events");
        properties.put("processing.lock-lease", "PT3S");
        properties.put("server.port", "0");
        return properties;
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // As command-line arguments: they take precedence over application.yml, as the
        // environment would.
        return new SpringApplicationBuilder(UserIngestApplication.class).run(
                properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void instancesShareOneRunAtATimeTakeOverFromAKilledHolderAndAnswerAlike() throws Exception {
        String databaseUrl = TestDatabase.POSTGRESQL.newUrl(dir);
        String bucket = "cluster-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        TestStorage.store().createBucketIfMissing(bucket + "-src");
        TestStorage.uploadSample(bucket + "-src", "sample/");

        Map<String, Object> quiet = settings(databaseUrl, bucket);
        quiet.put("useringest.schedule.enabled", "false");
        Map<String, Object> scheduled = settings(databaseUrl, bucket);
        scheduled.put("processing.interval", "1s");
        try (ConfigurableApplicationContext a = start(quiet); ConfigurableApplicationContext b = start(scheduled)) {
            Http httpA = new Http(port(a));
            Http httpB = new Http(port(b));

            // Concurrent requests on both instances while B's schedule runs too.
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<Object[]>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Http http = i % 2 == 0 ? httpA : httpB;
                answers.add(clients.submit(() -> {
                    Instant asked = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    return new Object[] { asked, http.post("/data", ADMIN) };
                }));
                Thread.sleep(40);
            }
            for (Future<Object[]> answer : answers) {
                @SuppressWarnings("unchecked")
                HttpResponse<String> response = (HttpResponse<String>) answer.get()[1];
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                JsonNode report = Http.json(response);
                assertThat(Instant.parse(report.get("started_at").asString()))
                    .isAfterOrEqualTo((Instant) answer.get()[0]);
                assertThat(report.get("users_total").asLong()).isEqualTo(100);
            }
            clients.shutdown();

            // A third instance, in a process of its own, killed while it holds the lock
            // in the middle of a run. B's schedule stops first: a run of B's could load
            // the
            // bulk before C (which starts in seconds) and leave C's run nothing to be
            // killed
            // in (seen in CI).
            // While requests queue runs, B's ticks join them (as "request" runs); once
            // the
            // requests are over, its next tick (every second) starts a run of its own.
            waitFor(() -> Http.json(httpA.get("/runs?limit=1000"))
                .valueStream()
                .anyMatch(r -> r.get("trigger").asString().equals("schedule")), "a run of B's schedule");
            b.getBean(ProcessingSchedule.class).close();
            Thread.sleep(1000);
            waitFor(() -> b.getBean(ProcessingService.class).current().isEmpty(), "B's last scheduled run to end");
            Path bulk = TestStorage.bucketDir(bucket + "-src").resolve("bulk");
            Files.createDirectories(bulk);
            for (int i = 0; i < BULK; i++) {
                Files.writeString(bulk.resolve("b" + i + ".csv"), "first_name,last_name,birthts\nBulk,User,1\n");
            }
            int portC;
            try (ServerSocket socket = new ServerSocket(0)) {
                portC = socket.getLocalPort();
            }
            Map<String, String> env = new HashMap<>();
            quiet.forEach((k, v) -> env.put(k.toUpperCase().replace('.', '_').replace('-', '_'), v.toString()));
            env.put("SERVER_PORT", String.valueOf(portC));
            env.put("PROCESSING_READ_CONCURRENCY", "2");
            Process c = ChildJvm.start(dir, env, List.of(), dir.resolve("c-out.txt"), dir.resolve("c-err.txt"));
            AtomicLong runOfC = new AtomicLong();
            try {
                Http httpC = new Http(portC);
                waitFor(() -> httpC.get("/actuator/health").statusCode() == 200, "instance C to start");
                new Thread(() -> httpC.post("/data", ADMIN)).start();
                // Only C is asked for a run now (B runs on its schedule), so a running
                // "request" run is C's.
                waitFor(() -> {
                    for (JsonNode run : Http.json(httpA.get("/runs?limit=5"))) {
                        if (run.get("status").asString().equals("running")
                                && run.get("trigger").asString().equals("request")) {
                            runOfC.set(run.get("id").asLong());
                            return true;
                        }
                    }
                    return false;
                }, "instance C's run to start");
                // C's progress is visible on A, which is not running it (shared through
                // the runs table).
                waitFor(() -> Http.json(httpA.get("/runs/" + runOfC.get())).get("objects_listed").asLong() > 0,
                        "instance C's run progress to show on instance A");
            }
            finally {
                c.destroyForcibly().waitFor();
            }
            long killedRun = runOfC.get();
            assertThat(Http.json(httpA.get("/runs/" + killedRun)).get("status").asString())
                .as("C died holding the lock mid-run")
                .isEqualTo("running");

            HttpResponse<String> takeOver = httpA.post("/data", ADMIN);
            assertThat(takeOver.statusCode()).isEqualTo(200);
            assertThat(Http.json(takeOver).get("users_total").asLong()).as("no users lost, none doubled")
                .isEqualTo(BULK + 100);
            assertThat(Http.json(httpA.get("/runs/" + killedRun)).get("status").asString()).isEqualTo("failed");

            // An event delivered to one instance is processed once, by a targeted run,
            // and served by the other.
            TestStorage.store()
                .put(bucket + "-src", "sample/ev1.csv",
                        "first_name,last_name,birthts\nClu,Ster,1\n".getBytes(StandardCharsets.UTF_8), "text/csv");
            long eventRunsBefore = eventRuns(httpA);
            HttpResponse<String> event = httpA
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(a) + "/events"))
                    .header("Authorization", "Bearer cluster-events")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            MinioEventPayloadTest.payload("s3:ObjectCreated:Put", bucket + "-src", "sample%2Fev1.csv")))
                    .build());
            assertThat(event.statusCode()).isEqualTo(202);
            waitFor(() -> httpB.get("/users/ev1").statusCode() == 200, "instance B to serve the user of A's event");
            waitFor(() -> eventRuns(httpA) == eventRunsBefore + 1, "one targeted run");
            Thread.sleep(500);
            assertThat(eventRuns(httpA)).as("processed once").isEqualTo(eventRunsBefore + 1);

            // Both instances answer the same, from the shared database.
            for (String path : List.of("/data", "/stats", "/stats?min_age=30&is_image_exists=true",
                    "/data?limit=50&after=1010")) {
                assertThat(httpB.get(path).body()).as(path).isEqualTo(httpA.get(path).body());
            }
            assertThat(Http.json(httpA.get("/stats")).get("count").asLong()).isEqualTo(BULK + 101);

            // Runs never overlapped, whichever instance ran them.
            List<JsonNode> runs = new ArrayList<>();
            Http.json(httpA.get("/runs?limit=1000")).forEach(runs::add);
            runs.removeIf(r -> r.get("id").asLong() == killedRun || r.get("finished_at").isNull());
            // As instants: ISO strings drop zero milliseconds ("…:52Z" sorts after
            // "…:52.5Z").
            runs.sort(Comparator.comparing(r -> Instant.parse(r.get("started_at").asString())));
            assertThat(runs.size()).isGreaterThan(3);
            assertThat(runs).as("B's schedule ran too").anyMatch(r -> r.get("trigger").asString().equals("schedule"));
            for (int i = 1; i < runs.size(); i++) {
                assertThat(Instant.parse(runs.get(i).get("started_at").asString()))
                    .as("run %s starts after run %s ends", runs.get(i).get("id"), runs.get(i - 1).get("id"))
                    .isAfterOrEqualTo(Instant.parse(runs.get(i - 1).get("finished_at").asString()));
            }

            // One change feed for everyone: both instances give the same changes in the
            // same order, and in seq order the runs that made them follow one another.
            List<Long> order = runs.stream().map(r -> r.get("id").asLong()).toList();
            long after = 0;
            int lastRun = -1;
            JsonNode page;
            do {
                page = Http.json(httpA.get("/changes?limit=1000&after=" + after));
                assertThat(Http.json(httpB.get("/changes?limit=1000&after=" + after))).isEqualTo(page);
                for (JsonNode change : page.get("changes")) {
                    int run = order.indexOf(change.get("run_id").asLong());
                    assertThat(run).as("change %s of a run that finished", change.get("seq")).isNotNegative();
                    assertThat(run).as("change %s in the order of the runs", change.get("seq"))
                        .isGreaterThanOrEqualTo(lastRun);
                    lastRun = run;
                }
                after = page.get("last_seq").asLong();
            }
            while (!page.get("changes").isEmpty());
            assertThat(lastRun).isPositive();
        }
    }

    private static long eventRuns(Http http) {
        long count = 0;
        for (JsonNode run : Http.json(http.get("/runs?limit=1000"))) {
            if (run.get("trigger").asString().equals("event")) {
                count++;
            }
        }
        return count;
    }

    private interface Condition {

        boolean holds() throws Exception;

    }

    private static void waitFor(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            }
            catch (RuntimeException notYet) {
                // not answering yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("waited 90 s for " + what);
    }

}
