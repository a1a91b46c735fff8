package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The users page: search by id or name, and the age histogram. */
class ConsoleUsersBrowserIT extends ConsoleBrowserTests {

    @Test
    void searchFindsUsersByIdOrNameAndAHostileNameIsShownAsText() throws Exception {
        logIn();
        browser.findElement(By.id("nav-users")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin/users"));
        assertThat(browser.findElements(By.cssSelector("#chart-ages rect.bar"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#users tbody tr"))).hasSize(ConsoleUsersController.SHOWN);

        browser.findElement(By.id("q")).sendKeys("1000");
        browser.findElement(By.id("search")).click();
        waitUntil(d -> d.getCurrentUrl().contains("q=1000"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#users tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("1000").contains("Susan").contains("Lee");

        browser.findElement(By.id("q")).clear();
        browser.findElement(By.id("q")).sendKeys("mallory");
        browser.findElement(By.id("search")).click();
        waitUntil(d -> d.getCurrentUrl().contains("q=mallory"));
        rows = browser.findElements(By.cssSelector("#users tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).findElements(By.tagName("td")).get(2).getText()).isEqualTo(HOSTILE_NAME);
        assertNoScriptFromTheBucketRan();
        screenshot("console-users");
    }

}
