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

    /**
     * Users are paged by cursor: next shows the following 50 in user_id order, previous
     * the page before, first the start; a search pages the same way, and the histogram
     * counts the users the search finds, as its title says.
     */
    @Test
    void usersArePagedByCursorAndTheHistogramSaysWhatItCounts() throws Exception {
        logIn();
        browser.get(url("/admin/users"));
        List<String> first = userIds();
        assertThat(first).hasSize(ConsoleUsersController.SHOWN).isSorted();
        assertThat(browser.findElements(By.id("previous"))).isEmpty();
        String total = browser.findElement(By.id("users-total")).getText();
        assertThat(browser.findElement(By.id("chart-ages")).getAttribute("aria-label"))
            .startsWith("Ages of all " + total + " users");

        browser.findElement(By.id("next")).click();
        waitUntil(d -> d.getCurrentUrl().contains("after=" + first.get(first.size() - 1)));
        List<String> second = userIds();
        assertThat(second).isNotEmpty().isSorted();
        assertThat(second.get(0)).isGreaterThan(first.get(first.size() - 1));

        browser.findElement(By.id("previous")).click();
        waitUntil(d -> d.getCurrentUrl().contains("before="));
        assertThat(userIds()).isEqualTo(first);
        browser.get(url("/admin/users?after=" + first.get(9)));
        browser.findElement(By.id("first")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("after="));
        assertThat(userIds()).isEqualTo(first);

        browser.get(url("/admin/users?q=10"));
        List<String> found = userIds();
        assertThat(found).isNotEmpty().allSatisfy(id -> assertThat(id).contains("10"));
        String matching = browser.findElement(By.id("users-matching")).getText();
        assertThat(browser.findElement(By.id("chart-ages")).getAttribute("aria-label"))
            .startsWith("Ages of the " + matching + " users matching “10”");
        assertThat(browser.findElements(By.cssSelector("#chart-ages text"))).extracting(WebElement::getText)
            .contains("↑ users", "age in full years");
        chromium.assertAccessible("the users page");
    }

    private List<String> userIds() {
        return browser.findElements(By.cssSelector("#users tbody td.key")).stream().map(WebElement::getText).toList();
    }

}
