package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.support.Browser;
import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium, over the sample data plus two hostile objects:
 * a key that is HTML, and a user whose first name closes a script. Their payloads would
 * set {@code window.xss}; every page test checks it stays unset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleBrowserTests {

    static final String SOURCE = "console-src";

    static final String PASSWORD = "console-secret";

    static final String HOSTILE_KEY = "hostile/<img src=x onerror=window.xss=1>.csv";

    static final String HOSTILE_NAME = "</script><script>window.xss=1</script>";

    @LocalServerPort
    int port;

    @Autowired
    ProcessingService processing;

    @RegisterExtension
    final Browser chromium = new Browser();

    WebDriver browser;

    Http http;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("console");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> SOURCE);
        registry.add("output.bucket", () -> "console-out");
        registry.add("admin.password", () -> PASSWORD);
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @BeforeEach
    void upload() {
        TestStorage.store().createBucketIfMissing(SOURCE);
        TestStorage.uploadSample(SOURCE, "");
        TestStorage.store()
            .put(SOURCE, HOSTILE_KEY, "first_name,last_name,birthts\nno,header\n".getBytes(StandardCharsets.UTF_8),
                    "text/csv");
        TestStorage.store()
            .put(SOURCE, "hostile/xss1.csv", ("first_name,last_name,birthts\n\"" + HOSTILE_NAME + "\",Mallory,0\n")
                .getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(processing.runNow(RunTrigger.COMMAND, false).status()).isEqualTo(RunStatus.SUCCEEDED);
        browser = chromium.driver();
        http = new Http(port);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Signs in through the form and lands on the dashboard. */
    void logIn() {
        browser.get(url("/admin/login"));
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        waitUntil(d -> d.getCurrentUrl().endsWith("/admin"));
    }

    void waitUntil(Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition::apply);
    }

    /** No payload from the bucket ran on this page. */
    void assertNoScriptFromTheBucketRan() {
        assertThat(((JavascriptExecutor) browser).executeScript("return window.xss === undefined")).as("window.xss")
            .isEqualTo(true);
    }

    /** Saves the page under target/screenshots, to look at. */
    void screenshot(String name) throws Exception {
        chromium.screenshot(Path.of("target", "screenshots", name + ".png"));
    }

}
