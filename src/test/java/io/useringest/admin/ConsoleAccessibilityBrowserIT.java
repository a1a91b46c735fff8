package io.useringest.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.RunTrigger;
import io.useringest.support.TestStorage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Every page of the service (Swagger UI aside) passes axe-core in Chromium: the front
 * door, the data page, the console's login and each of its pages. The console's pages are
 * also saved as the README's screenshots (bin/screenshots copies them to docs/).
 */
class ConsoleAccessibilityBrowserIT extends ConsoleBrowserTests {

    @Test
    void everyPagePassesAxeCore() throws Exception {
        // A few runs more, so the charts and tables have something to show: one that
        // reads
        // nothing, one after a change.
        processing.runNow(RunTrigger.COMMAND, false);
        TestStorage.store()
            .put(SOURCE, "later/4242.csv", "first_name,last_name,birthts\nAda,Lovelace,0\n".getBytes(UTF_8),
                    "text/csv");
        processing.runNow(RunTrigger.COMMAND, false);
        browser.get(url("/"));
        chromium.assertAccessible("the front door");
        browser.get(url("/data"));
        chromium.assertAccessible("the data page");
        browser.get(url("/admin/login"));
        chromium.assertAccessible("the login page");

        logIn();
        chromium.assertAccessible("the dashboard");
        screenshot("console-dashboard");
        long run = Long.parseLong(browser.findElement(By.cssSelector("#recent-runs tbody tr td")).getText());
        for (String page : List.of("/admin/runs", "/admin/runs/" + run, "/admin/held", "/admin/users",
                "/admin/users?q=mallory", "/admin/rejected", "/admin/runs/force")) {
            browser.get(url(page));
            assertThat(browser.findElements(By.tagName("main"))).as(page).hasSize(1);
            chromium.assertAccessible(page);
            assertNoScriptFromTheBucketRan();
        }
        browser.get(url("/admin/runs"));
        screenshot("console-runs");
        browser.get(url("/admin/users"));
        screenshot("console-users");
        browser.get(url("/admin/rejected"));
        assertThat(browser.findElement(By.id("rejected-files")).getText()).contains("hostile/<img src=x");
        chromium.screenshot(Path.of("target", "screenshots", "console-rejected.png"));
    }

}
