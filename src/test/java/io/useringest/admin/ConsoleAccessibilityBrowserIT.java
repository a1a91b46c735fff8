package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

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
