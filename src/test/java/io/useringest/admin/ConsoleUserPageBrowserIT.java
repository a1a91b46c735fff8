package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.runs.RunReport;
import io.useringest.runs.RunRepository;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.support.TestStorage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A user's page (its row, where it came from, its history) and a run's list of the users
 * it changed, in Chromium.
 */
class ConsoleUserPageBrowserIT extends ConsoleBrowserTests {

    @Autowired
    RunRepository runs;

    @Test
    void aUsersPageShowsItsLineageAndEveryVersionAlsoAfterItWasRemoved() throws Exception {
        logIn();
        browser.get(url("/admin/users?q=mallory"));
        browser.findElement(By.linkText("xss1")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin/users/xss1"));
        assertThat(browser.findElement(By.id("lineage-csv")).getText()).isEqualTo("hostile/xss1.csv");
        assertThat(browser.findElement(By.id("lineage-run")).getText()).startsWith("run ");
        assertThat(history()).singleElement().asString().contains("insert").contains(HOSTILE_NAME);
        assertNoScriptFromTheBucketRan();
        chromium.assertAccessible("a user's page");

        put("hostile/xss1.csv", "first_name,last_name,birthts\nMallory,Changed,0\n");
        assertThat(run().usersUpdated()).isEqualTo(1);
        browser.navigate().refresh();
        assertThat(history()).hasSize(2);
        assertThat(history().get(0)).as("newest first").contains("update").contains("Changed");
        screenshot("console-user");

        TestStorage.store().delete(SOURCE, List.of("hostile/xss1.csv"));
        assertThat(run().usersRemoved()).isEqualTo(1);
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("user-removed")).getText()).contains("no longer in the table");
        assertThat(history()).hasSize(3);
        assertThat(history().get(0)).contains("delete").contains("hostile/xss1.csv");
    }

    @Test
    void aRunsPageListsTheUsersItChangedPageByPage() throws Exception {
        logIn();
        RunReport first = runs.page(0, 1000).stream().reduce((newer, older) -> older).orElseThrow();
        browser.get(url("/admin/runs/" + first.id()));
        List<WebElement> rows = browser.findElements(By.cssSelector("#run-changes tbody tr"));
        assertThat(rows).hasSize(ConsoleRunsController.CHANGES_SHOWN);
        assertThat(rows.get(0).getText()).contains("insert");
        long lastSeq = Long.parseLong(rows.get(rows.size() - 1).findElement(By.tagName("td")).getText());
        screenshot("console-run-changes");

        browser.findElement(By.id("run-changes-next")).click();
        waitUntil(d -> d.getCurrentUrl().contains("after=" + lastSeq));
        List<WebElement> next = browser.findElements(By.cssSelector("#run-changes tbody tr"));
        assertThat(next).isNotEmpty();
        assertThat(Long.parseLong(next.get(0).findElement(By.tagName("td")).getText())).isGreaterThan(lastSeq);

        String user = next.get(0).findElement(By.cssSelector("td.key a")).getText();
        next.get(0).findElement(By.cssSelector("td.key a")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin/users/" + user));
        chromium.assertAccessible("a run's page with its changes");
    }

    private List<String> history() {
        return browser.findElements(By.cssSelector("#history tbody tr")).stream().map(WebElement::getText).toList();
    }

    private RunReport run() {
        RunReport report = processing.runNow(RunTrigger.COMMAND, false);
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        return report;
    }

    private static void put(String key, String content) {
        TestStorage.store().put(SOURCE, key, content.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

}
