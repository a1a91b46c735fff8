package io.useringest.web;

import static io.useringest.support.TestPipeline.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.AppStorage;
import io.useringest.support.Http;
import java.net.http.HttpResponse;
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

    static AppStorage storage;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        storage = AppStorage.start("changes-retention");
        storage.register(registry, "test-secret");
        registry.add("changes.retention", () -> "0");
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
    }

    @Test
    void prunedChangesAre410AndTheFeedContinuesWhereItSays() {
        Http http = new Http(port);
        storage.put("kept.csv", csv("Kept", "Same", 0));
        storage.put("changed.csv", csv("Changed", "Before", 0));
        storage.put("removed.csv", csv("Removed", "Soon", 0));
        run(http);
        storage.put("changed.csv", csv("Changed", "After", 0));
        storage.delete("removed.csv");
        run(http);
        storage.put("new.csv", csv("New", "One", 0));
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

}
