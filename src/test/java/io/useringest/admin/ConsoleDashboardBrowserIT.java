package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.support.Http;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

/** The dashboard shows what GET /stats and GET /runs say. */
class ConsoleDashboardBrowserIT extends ConsoleBrowserTests {

    @Test
    void theDashboardsFiguresEqualStatsAndRuns() throws Exception {
        logIn();

        JsonNode all = Http.json(http.get("/stats"));
        JsonNode withImage = Http.json(http.get("/stats?is_image_exists=true"));
        JsonNode withoutImage = Http.json(http.get("/stats?is_image_exists=false"));
        JsonNode lastRun = Http.json(http.get("/runs?limit=1")).get(0);
        assertThat(text("users-total")).isEqualTo(all.get("count").asString());
        assertThat(text("users-with-image")).isEqualTo(withImage.get("count").asString());
        assertThat(text("users-without-image")).isEqualTo(withoutImage.get("count").asString());
        assertThat(text("last-update"))
            .startsWith(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                .withZone(ZoneOffset.UTC)
                .format(Instant.parse(lastRun.get("finished_at").asString())))
            .matches(".* UTC \\((just now|\\d+ s ago)\\)");
        assertThat(text("rejected-now")).isEqualTo(Integer.toString(lastRun.get("rejected").size()));
        assertThat(text("held-removals")).isEqualTo("0");
        assertThat(text("storage-health")).startsWith("UP");
        assertThat(text("database-health")).startsWith("UP");
        assertThat(text("events")).startsWith("off");
        assertThat(browser.findElement(By.cssSelector("#recent-runs tbody tr td")).getText())
            .isEqualTo(lastRun.get("id").asString());
        assertNoScriptFromTheBucketRan();
        screenshot("console-dashboard");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

}
