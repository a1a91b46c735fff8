package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.support.Browser;
import io.useringest.support.TestStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The /data page in a real headless Chromium: filter through the form, see the filtered
 * table and images.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DataPageBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ProcessingService processing;

    @RegisterExtension
    final Browser chromium = new Browser();

    WebDriver browser;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("browser");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> "browser-src");
        registry.add("output.bucket", () -> "browser-out");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @BeforeEach
    void open() throws Exception {
        TestStorage.store().createBucketIfMissing("browser-src");
        TestStorage.uploadSample("browser-src", "");
        TestStorage.store()
            .put("browser-src", "noimage/x1.csv", "first_name,last_name,birthts\nNo,Picture,0\n".getBytes(),
                    "text/csv");
        assertThat(processing.runNow(RunTrigger.COMMAND, false).status()).isEqualTo(RunStatus.SUCCEEDED);
        browser = chromium.driver();
    }

    @Test
    void filteringThroughTheFormShowsTheFilteredTableWithImages() {
        browser.get("http://127.0.0.1:" + port + "/data");
        assertThat(browser.getTitle()).contains("Users");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("101");

        new Select(browser.findElement(By.id("is_image_exists"))).selectByValue("false");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(d -> d.getCurrentUrl().contains("is_image_exists=false"));
        assertThat(browser.getCurrentUrl()).doesNotContain("min_age").doesNotContain("max_age");
        List<WebElement> rows = browser.findElements(By.cssSelector("#users tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("x1").contains("No").contains("Picture").contains("no image");

        new Select(browser.findElement(By.id("is_image_exists"))).selectByValue("true");
        browser.findElement(By.id("min_age")).sendKeys("30");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("min_age=30"));
        List<WebElement> ages = browser.findElements(By.cssSelector("#users tbody td.number"));
        assertThat(ages).isNotEmpty()
            .allSatisfy(age -> assertThat(Integer.parseInt(age.getText())).isGreaterThanOrEqualTo(30));
        WebElement image = browser.findElement(By.cssSelector("#users tbody img"));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> (Boolean) ((JavascriptExecutor) d)
            .executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", image));
        assertThat(image.getAttribute("src")).matches(".*/users/\\d+/image");
    }

    /**
     * A filter the API cannot apply is a message beside the form, with the values the
     * user typed; a filter nothing matches is an empty state; the page has the site's
     * navigation; every state passes axe-core.
     */
    @Test
    void aBadFilterIsAMessageOnThePageAndNoMatchIsAnEmptyState() {
        browser.get("http://127.0.0.1:" + port + "/data");
        chromium.assertAccessible("the data page");
        assertThat(browser.findElements(By.cssSelector("header a"))).extracting(e -> e.getAttribute("href"))
            .anySatisfy(href -> assertThat(href).endsWith("/"))
            .anySatisfy(href -> assertThat(href).endsWith("/admin"));

        browser.findElement(By.id("min_age")).sendKeys("50");
        browser.findElement(By.id("max_age")).sendKeys("20");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("filter-error")).isEmpty());
        assertThat(browser.findElement(By.id("filter-error")).getText()).contains("min_age").contains("max_age");
        assertThat(browser.findElement(By.id("min_age")).getAttribute("value")).isEqualTo("50");
        assertThat(browser.findElement(By.id("max_age")).getAttribute("value")).isEqualTo("20");
        assertThat(browser.findElements(By.id("users"))).isEmpty();
        chromium.assertAccessible("the data page with a bad filter");

        browser.findElement(By.id("min_age")).clear();
        browser.findElement(By.id("max_age")).clear();
        browser.findElement(By.id("min_age")).sendKeys("199");
        browser.findElement(By.id("apply")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("empty")).isEmpty());
        assertThat(browser.findElement(By.id("empty")).getText()).startsWith("No user matches these filters");
        assertThat(browser.findElements(By.id("users"))).isEmpty();
        chromium.assertAccessible("the data page with no match");
    }

}
