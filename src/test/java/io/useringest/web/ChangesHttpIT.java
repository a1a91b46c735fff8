package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.AppStorage;
import io.useringest.support.Http;
import io.useringest.support.Zips;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md "Lineage, history and the change feed" over HTTP against the whole
 * app: a user's lineage and history, GET /changes as pages, its filters and errors, and
 * the feed followed live with curl -N (Server-Sent Events), resumed with Last-Event-ID.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChangesHttpIT {

    static final String ADMIN = Http.basic("admin", "test-secret");

    static AppStorage storage;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        storage = AppStorage.start("changes-http");
        storage.register(registry, "test-secret");
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
    }

    @Test
    @Order(1)
    void aUserSaysWhichFileAndRunItsRowCameFrom() {
        storage.put("feed/a1.csv", csv("Ada", "One", 0));
        storage.put("feed/batch.zip", Zips.zip(Map.of("users/b1.csv", Zips.utf8(csv("Bea", "Two", 86_400_000L)))));
        long run = run();
        Http http = new Http(port);

        JsonNode loose = Http.json(http.get("/users/a1"));
        JsonNode lineage = loose.get("lineage");
        assertThat(lineage.get("csv_key").asString()).isEqualTo("feed/a1.csv");
        assertThat(lineage.get("csv_etag").asString()).isNotBlank();
        assertThat(lineage.get("csv_size").asLong()).isEqualTo(csv("Ada", "One", 0).length());
        assertThat(Instant.parse(lineage.get("csv_last_modified").asString())).isBefore(Instant.now().plusSeconds(5));
        assertThat(lineage.get("run_id").asLong()).isEqualTo(run);
        assertThat(loose.get("first_name").asString()).as("the user's own fields stay").isEqualTo("Ada");

        JsonNode entry = Http.json(http.get("/users/b1")).get("lineage");
        assertThat(entry.get("csv_key").asString()).isEqualTo("feed/batch.zip!/users/b1.csv");
        assertThat(entry.get("run_id").asLong()).isEqualTo(run);

        JsonNode row = Http.json(http.get("/data?limit=1"));
        assertThat(row.toString()).as("/data keeps its fields").doesNotContain("lineage").doesNotContain("csv_key");
    }

    @Test
    @Order(2)
    void historyListsEveryVersionNewestFirstAndOutlivesTheUser() {
        storage.put("feed/a1.csv", csv("Ada", "Changed", 0));
        long update = run();
        storage.delete("feed/a1.csv");
        long delete = run();
        Http http = new Http(port);

        assertThat(http.get("/users/a1").statusCode()).as("the user is gone").isEqualTo(404);
        HttpResponse<String> history = http.get("/users/a1/history");
        assertThat(history.statusCode()).as("its history is not").isEqualTo(200);
        JsonNode changes = Http.json(history).get("changes");
        assertThat(changes).extracting(c -> c.get("change").asString()).containsExactly("delete", "update", "insert");
        assertThat(changes.get(0).get("run_id").asLong()).isEqualTo(delete);
        assertThat(changes.get(0).get("csv_key").asString()).as("the file whose removal deleted the user")
            .isEqualTo("feed/a1.csv");
        assertThat(changes.get(1).get("run_id").asLong()).isEqualTo(update);
        assertThat(changes.get(1).get("last_name").asString()).isEqualTo("Changed");
        assertThat(changes.get(2).get("last_name").asString()).isEqualTo("One");

        JsonNode first = Http.json(http.get("/users/a1/history?limit=2"));
        assertThat(first.get("changes")).hasSize(2);
        JsonNode rest = Http.json(http.get(first.get("next").asString()));
        assertThat(rest.get("changes")).extracting(c -> c.get("change").asString()).containsExactly("insert");
        assertThat(rest.get("next").isNull()).as("the last page").isTrue();

        assertThat(http.get("/users/nobody/history").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void theFeedPagesInSeqOrderAndFilters() {
        Http http = new Http(port);
        List<Long> seqs = new ArrayList<>();
        String next = "/changes?after=0&limit=2";
        JsonNode page;
        do {
            page = Http.json(http.get(next));
            page.get("changes").forEach(change -> seqs.add(change.get("seq").asLong()));
            next = page.get("next").asString();
        }
        while (!page.get("changes").isEmpty());
        assertThat(seqs).hasSize(4).isSorted().doesNotHaveDuplicates();
        assertThat(page.get("last_seq").asLong()).isEqualTo(seqs.get(seqs.size() - 1));

        JsonNode ofA1 = Http.json(http.get("/changes?user_id=a1"));
        assertThat(ofA1.get("changes")).extracting(c -> c.get("change").asString())
            .containsExactly("insert", "update", "delete");
        long firstRun = ofA1.get("changes").get(0).get("run_id").asLong();
        JsonNode ofRun = Http.json(http.get("/changes?run=" + firstRun));
        assertThat(ofRun.get("changes")).extracting(c -> c.get("user_id").asString())
            .containsExactlyInAnyOrder("a1", "b1");

        run();
        assertThat(Http.json(http.get("/changes?after=" + seqs.get(seqs.size() - 1))).get("changes"))
            .as("a run that changes no row writes no change")
            .isEmpty();

        assertThat(Http.json(http.get("/changes", "text/html,application/xhtml+xml,*/*;q=0.8")).has("changes"))
            .as("a browser's Accept gets the JSON page, not a stream")
            .isTrue();
    }

    @Test
    @Order(4)
    void badRequestsNameWhatWasWrong() {
        Http http = new Http(port);
        for (String[] bad : new String[][] { { "after=-1", "after" }, { "after=x", "after" }, { "limit=0", "limit" },
                { "limit=1001", "limit" }, { "run=0", "run" }, { "user_id=a%20b", "user_id" },
                { "since=3", "since" } }) {
            HttpResponse<String> response = http.get("/changes?" + bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(Http.json(response).get("parameter").asString()).as(bad[0]).isEqualTo(bad[1]);
        }
        assertThat(http.get("/users/a1/history?before=0").statusCode()).isEqualTo(400);
    }

    /**
     * curl -N with Accept: text/event-stream sees a run's change within about a second of
     * its commit; a reconnect with Last-Event-ID gets what came after that id.
     */
    @Test
    @Order(5)
    void curlFollowsTheFeedLiveAndResumesWithLastEventId() throws Exception {
        Http http = new Http(port);
        long last = Http.json(http.get("/changes?after=0&limit=1000")).get("last_seq").asLong();
        Path out = storage.dir().resolve("stream.txt");
        Process curl = curl(out, "/changes?after=" + last);
        try {
            Thread.sleep(500);
            storage.put("feed/live.csv", csv("Live", "User", 0));
            run();
            Instant committed = Instant.now();
            String seen = awaitIn(out, "\"user_id\":\"live\"");
            Duration delay = Duration.between(committed, Instant.now());
            assertThat(seen).contains("id:" + (last + 1)).contains("\"change\":\"insert\"");
            assertThat(delay).as("seen after the commit").isLessThan(Duration.ofSeconds(3));
        }
        finally {
            curl.destroy();
        }
        Path resumed = storage.dir().resolve("resumed.txt");
        Process again = curl(resumed, "/changes", "-H", "Last-Event-ID: " + last);
        try {
            assertThat(awaitIn(resumed, "\"user_id\":\"live\"")).contains("id:" + (last + 1));
        }
        finally {
            again.destroy();
        }
    }

    private Process curl(Path out, String path, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-N", "-H", "Accept: text/event-stream"));
        command.addAll(List.of(more));
        command.add("http://127.0.0.1:" + port + path);
        try {
            return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true).start();
        }
        catch (IOException e) {
            throw new IllegalStateException("curl is not installed: apt-get install -y curl (.ci/run installs it)", e);
        }
    }

    private static String awaitIn(Path file, String text) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            String content = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            if (content.contains(text)) {
                return content;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + text + " within 10 s in: " + Files.readString(file));
    }

    private long run() {
        HttpResponse<String> response = new Http(port).post("/data", ADMIN);
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return Http.json(response).get("id").asLong();
    }

}
