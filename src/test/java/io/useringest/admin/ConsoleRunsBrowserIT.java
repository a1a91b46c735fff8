package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.Settings;
import io.useringest.db.Database;
import io.useringest.db.RunLock;
import io.useringest.processing.ProcessingConfiguration;
import io.useringest.support.TestStorage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runs page: history and charts, "Run now" with its live progress and then its
 * report, "Run with force" asking first and saying whom it removes, the held removals.
 */
class ConsoleRunsBrowserIT extends ConsoleBrowserTests {

    @Autowired
    Settings settings;

    @Autowired
    Database database;

    @Test
    void runNowShowsTheRunsProgressBarAndThenItsReport() throws Exception {
        logIn();
        browser.get(url("/admin/runs"));
        assertThat(browser.findElements(By.cssSelector("#chart-durations rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#chart-objects-read rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#runs tbody tr"))).isNotEmpty();

        // Holding output.csv keeps the run in its publishing phase until the bar has been
        // seen.
        try (RunLock csvLock = ProcessingConfiguration.outputCsvLock(settings, database);
                RunLock.Held held = csvLock.acquire()) {
            browser.findElement(By.id("run-now")).click();
            waitUntil(d -> d.getCurrentUrl().matches(".*/admin/runs/\\d+$"));
            assertThat(browser.findElement(By.id("run-status")).getText()).startsWith("running");
            WebElement bar = browser.findElement(By.id("progress-bar"));
            waitUntil(d -> "95".equals(bar.getAttribute("value")));
            assertThat(browser.findElement(By.id("progress-text")).getText()).startsWith("publishing");
            screenshot("console-run-progress");
        }
        waitUntil(d -> d.findElement(By.id("run-status")).getText().startsWith("succeeded"));
        // The sample's hostile key is rejected by every run: the status says so, marked.
        WebElement status = browser.findElement(By.cssSelector("#run-status span"));
        assertThat(status.getText()).isEqualTo("succeeded, 1 rejected");
        assertThat(status.getAttribute("class")).isEqualTo("status-attention");
        assertThat(browser.findElements(By.id("progress-panel"))).isEmpty();
        assertThat(browser.findElement(By.id("objects-listed")).getText()).isNotEqualTo("0");
        assertNoScriptFromTheBucketRan();
    }

    @Test
    void runWithForceAsksFirstSaysWhomItRemovesAndTheHeldRemovalsPageListsThem() throws Exception {
        List<String> gone = TestStorage.store()
            .list(SOURCE, "")
            .map(o -> o.key())
            .filter(k -> k.matches("\\d+\\.csv"))
            .limit(60)
            .toList();
        TestStorage.store().delete(SOURCE, gone);
        logIn();
        browser.findElement(By.id("run-now")).click();
        waitUntil(d -> d.getCurrentUrl().matches(".*/admin/runs/\\d+$"));
        waitUntil(d -> d.findElement(By.id("run-status")).getText().startsWith("succeeded"));
        assertThat(browser.findElement(By.id("run-status")).getText()).matches("succeeded, 1 rejected, \\d+ warnings?");
        assertThat(browser.findElement(By.id("warnings")).getText()).contains("deletion guard");

        browser.get(url("/admin/held"));
        assertThat(browser.findElement(By.id("held-count")).getText()).isEqualTo("60");
        assertThat(browser.findElements(By.cssSelector("#held tbody tr"))).hasSize(60);
        screenshot("console-held");

        browser.get(url("/admin"));
        assertThat(browser.findElement(By.id("held-removals")).getText()).isEqualTo("60");
        browser.findElement(By.id("run-force")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin/runs/force"));
        assertThat(browser.findElement(By.id("force-removes")).getText()).isEqualTo("60");
        browser.findElement(By.id("cancel-force")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin"));
        assertThat(browser.findElement(By.id("held-removals")).getText()).as("cancel changed nothing").isEqualTo("60");

        browser.findElement(By.id("run-force")).click();
        browser.findElement(By.id("confirm-force")).click();
        waitUntil(d -> d.getCurrentUrl().matches(".*/admin/runs/\\d+$"));
        waitUntil(d -> d.findElement(By.id("run-status")).getText().startsWith("succeeded"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("forced");
        browser.get(url("/admin/held"));
        assertThat(browser.findElement(By.id("held-count")).getText()).isEqualTo("0");
    }

}
