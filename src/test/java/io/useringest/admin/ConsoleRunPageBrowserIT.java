package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A run's page lists its rejections with their reasons; a hostile key is only text. */
class ConsoleRunPageBrowserIT extends ConsoleBrowserTests {

    @Test
    void aRunsRejectionsAreListedWithTheirReasonsAndAnHtmlKeyIsShownAsText() throws Exception {
        logIn();
        browser.findElement(By.cssSelector("#recent-runs tbody tr td a")).click();
        waitUntil(d -> d.getCurrentUrl().matches(".*/admin/runs/\\d+$"));

        List<WebElement> rows = browser.findElements(By.cssSelector("#rejections tbody tr"));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.findElement(By.cssSelector("td.key")).getText()).isEqualTo(HOSTILE_KEY);
            assertThat(row.findElements(By.tagName("td")).get(1).getText()).isNotBlank();
        });
        assertThat(browser.findElements(By.cssSelector("#rejections img"))).as("the key made no element").isEmpty();
        assertNoScriptFromTheBucketRan();
        screenshot("console-run");
    }

}
