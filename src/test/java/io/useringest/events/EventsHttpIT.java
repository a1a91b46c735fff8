package io.useringest.events;

import static io.useringest.events.MinioEventPayloadTest.payload;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md "Storage events": POST /events as MinIO's webhook target calls it —
 * token, answers, and targeted runs that make a change visible without any POST /data,
 * coalescing a burst into a few runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventsHttpIT {

    static final String SOURCE = "events-src";

    static final String TOKEN = "Bearer events-secret";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        var dir = Files.createTempDirectory("events-http");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> SOURCE);
        registry.add("source.prefix", () -> "in/");
        registry.add("output.bucket", () -> "events-out");
        registry.add("admin.password", () -> "test-secret");
        registry.add("events.token", () -> "events-secret");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    private HttpResponse<String> post(byte[] body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return new Http(port).send(request.build());
    }

    private static byte[] put(String key) {
        return payload("s3:ObjectCreated:Put", SOURCE, key.replace("/", "%2F"));
    }

    @Test
    void theWebhookNeedsItsTokenAndAPayload() {
        assertThat(post(put("in/a.csv"), null).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = post(put("in/a.csv"), "Bearer nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> bad = post("{\"Records\": 3}".getBytes(StandardCharsets.UTF_8), TOKEN);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Http.json(bad).get("detail").asString()).contains("\"Records\" array");
        HttpResponse<String> large = post(new byte[EventsController.MAX_BODY_BYTES + 1], TOKEN);
        assertThat(large.statusCode()).isEqualTo(413);
    }

    @Test
    void eventsForAnotherBucketOutsideThePrefixOrOfAnotherKindAreCountedAsIgnored() {
        byte[] body = payload("s3:ObjectCreated:Put", "elsewhere", "in%2Fx.csv",
                MinioEventPayloadTest.record("s3:ObjectCreated:Put", SOURCE, "out%2Fx.csv"),
                MinioEventPayloadTest.record("s3:ObjectAccessed:Get", SOURCE, "in%2Fx.csv"));

        HttpResponse<String> answer = post(body, TOKEN);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(Http.json(answer).get("accepted").asInt()).isZero();
        assertThat(Http.json(answer).get("ignored").asInt()).isEqualTo(3);
    }

    @Test
    void anUploadAndADeleteAnnouncedByEventsAreServedWithoutAnyOtherRun() throws Exception {
        TestStorage.store().createBucketIfMissing(SOURCE);
        TestStorage.store()
            .put(SOURCE, "in/ev1.csv", "first_name,last_name,birthts\nEve,Vent,1000\n".getBytes(StandardCharsets.UTF_8),
                    "text/csv");
        Http http = new Http(port);
        // A page asked for before the event is kept; the event's run must replace it.
        String page = "/data?limit=5&after=ev0";
        assertThat(pageUserIds(http, page)).doesNotContain("ev1");
        assertThat(pageUserIds(http, page)).doesNotContain("ev1");

        HttpResponse<String> answer = post(put("in/ev1.csv"), TOKEN);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(Http.json(answer).get("accepted").asInt()).isEqualTo(1);
        waitFor(() -> http.get("/users/ev1").statusCode() == 200, "user ev1 to be served");
        // The user is served from the run's commit; the run's report is final once it has
        // published too.
        waitFor(() -> !Http.json(http.get("/runs?limit=1")).get(0).get("status").asString().equals("running"),
                "the event's run to finish");
        JsonNode run = Http.json(http.get("/runs?limit=1")).get(0);
        assertThat(run.get("status").asString()).isEqualTo("succeeded");
        assertThat(run.get("trigger").asString()).isEqualTo("event");
        assertThat(run.get("scope").asString()).isEqualTo("keys");
        assertThat(run.get("objects_listed").asLong()).as("keys looked up, no listing").isEqualTo(1);
        assertThat(pageUserIds(http, page)).as("the kept page after the run").startsWith("ev1");

        TestStorage.store().delete(SOURCE, List.of("in/ev1.csv"));
        post(payload("s3:ObjectRemoved:Delete", SOURCE, "in%2Fev1.csv"), TOKEN);
        waitFor(() -> http.get("/users/ev1").statusCode() == 404, "user ev1 to be removed");
        assertThat(pageUserIds(http, page)).as("the kept page after the removal").doesNotContain("ev1");
    }

    private static List<String> pageUserIds(Http http, String page) {
        List<String> ids = new ArrayList<>();
        Http.json(http.get(page)).forEach(user -> ids.add(user.get("user_id").asString()));
        return ids;
    }

    @Test
    void aBurstOfAThousandEventsCoalescesIntoAFewRuns() throws Exception {
        TestStorage.store().createBucketIfMissing(SOURCE);
        for (int i = 0; i < 1000; i++) {
            TestStorage.store()
                .put(SOURCE, "in/burst/b" + i + ".csv",
                        ("first_name,last_name,birthts\nBurst,User" + i + "," + i + "\n")
                            .getBytes(StandardCharsets.UTF_8),
                        "text/csv");
        }
        Http http = new Http(port);
        long runsBefore = Http.json(http.get("/runs?limit=1000")).size();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            byte[] body = put("in/burst/b" + i + ".csv");
            answers.add(senders.submit(() -> post(body, TOKEN)));
        }
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isEqualTo(202);
        }
        senders.shutdown();

        waitFor(() -> http.get("/users/b999").statusCode() == 200 && http.get("/users/b0").statusCode() == 200
                && Http.json(http.get("/runs?limit=1")).get(0).get("status").asString().equals("succeeded"),
                "the burst to be served");
        for (int i = 0; i < 1000; i += 97) {
            assertThat(http.get("/users/b" + i).statusCode()).as("b%d", i).isEqualTo(200);
        }
        long runs = Http.json(http.get("/runs?limit=1000")).size() - runsBefore;
        assertThat(runs).as("targeted runs for 1,000 events").isBetween(1L, 10L);
        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).contains("useringest_events_received_total")
            .contains("useringest_events_ignored_total")
            .contains("useringest_events_rejected_total")
            .contains("useringest_events_keys_per_run_count")
            .contains("useringest_events_visible_lag_seconds_bucket");
    }

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("waited 60 s for " + what);
    }

}
