package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.storage.EmbeddedS3Server;
import io.useringest.storage.MinioClients;
import io.useringest.storage.ObjectStore;
import io.useringest.support.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * docs/contract.md "Retention" with CHANGES_RETENTION=0: a run prunes every earlier
 * change but each existing user's latest; asking the feed for what was pruned is 410
 * naming where it continues, and /data plus the feed from there is the table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChangesRetentionHttpIT {

    static Path dir;

    static EmbeddedS3Server server;

    static ObjectStore store;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("changes-retention");
        server = EmbeddedS3Server.start(dir.resolve("s3"), 0, "minioadmin", "minioadmin");
        store = MinioClients.objectStore(server.endpoint(), "us-east-1", "minioadmin", "minioadmin", 8,
                ObjectStore.Listing.BY_FOLDER);
        store.createBucketIfMissing("source");
        registry.add("storage.endpoint", server::endpoint);
        registry.add("data.dir", dir::toString);
        registry.add("admin.password", () -> "test-secret");
        registry.add("useringest.schedule.enabled", () -> "false");
        registry.add("changes.retention", () -> "0");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void prunedChangesAre410AndTheFeedContinuesWhereItSays() {
        Http http = new Http(port);
        put("kept.csv", csv("Kept", "Same", 0));
        put("changed.csv", csv("Changed", "Before", 0));
        put("removed.csv", csv("Removed", "Soon", 0));
        run(http);
        put("changed.csv", csv("Changed", "After", 0));
        store.delete("source", List.of("removed.csv"));
        run(http);
        put("new.csv", csv("New", "One", 0));
        run(http);

        HttpResponse<String> gone = http.get("/changes?after=0");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Http.json(gone);
        long resume = problem.get("resume_after").asLong();
        assertThat(problem.get("oldest_seq").asLong()).isEqualTo(resume + 1);
        assertThat(problem.get("detail").asString()).contains("after=" + resume).contains("CHANGES_RETENTION");

        JsonNode after = Http.json(http.get("/changes?after=" + resume));
        assertThat(after.get("changes")).extracting(c -> c.get("user_id").asString())
            .as("the last run's change, kept in full above the horizon")
            .containsExactly("new");
        assertThat(Http.json(http.get("/users/changed/history")).get("changes"))
            .extracting(c -> c.get("last_name").asString())
            .as("history keeps only the current row")
            .containsExactly("After");
        assertThat(Http.json(http.get("/users/kept/history")).get("changes")).hasSize(1);
        assertThat(http.get("/users/removed/history").statusCode()).as("a removal older than the retention")
            .isEqualTo(404);
        assertThat(Http.json(http.get("/users/changed")).get("lineage").get("csv_key").asString())
            .isEqualTo("changed.csv");
    }

    private static void run(Http http) {
        HttpResponse<String> response = http.post("/data", Http.basic("admin", "test-secret"));
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
    }

    private static void put(String key, String content) {
        store.put("source", key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

}
