package io.useringest.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.processing.ProcessingService;
import io.useringest.runs.RunStatus;
import io.useringest.runs.RunTrigger;
import io.useringest.support.Browser;
import io.useringest.support.Http;
import io.useringest.support.TestStorage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The front door in a real headless Chromium: what the instance serves, and links that
 * all answer; the same as JSON links.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontDoorBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    ProcessingService processing;

    @RegisterExtension
    final Browser chromium = new Browser();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("front-door");
        registry.add("storage.endpoint", () -> TestStorage.server().endpoint());
        registry.add("data.dir", dir::toString);
        registry.add("source.bucket", () -> "door-src");
        registry.add("output.bucket", () -> "door-out");
        registry.add("database.password", () -> "never-shown-password");
        registry.add("admin.password", () -> "door-admin-password");
        registry.add("useringest.schedule.enabled", () -> "false");
    }

    @BeforeEach
    void load() {
        TestStorage.store().createBucketIfMissing("door-src");
        TestStorage.uploadSample("door-src", "");
        assertThat(processing.runNow(RunTrigger.COMMAND, false).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void theFrontDoorSaysWhatIsServedAndEveryLinkAnswers() throws Exception {
        WebDriver browser = chromium.driver();
        browser.get("http://127.0.0.1:" + port + "/");
        assertThat(browser.findElement(By.id("source")).getText()).isEqualTo("door-src/");
        assertThat(browser.findElement(By.id("output")).getText()).isEqualTo("door-out/output.csv");
        assertThat(browser.findElement(By.id("database")).getText()).isEqualTo("sqlite");
        assertThat(browser.findElement(By.id("users")).getText()).isEqualTo("100");
        assertThat(browser.findElement(By.id("last-update")).getText()).isNotEqualTo("no successful run yet");
        assertThat(browser.getPageSource()).doesNotContain("never-shown-password")
            .doesNotContain("door-admin-password");
        chromium.screenshot(Path.of("target", "screenshots", "front-door.png"));

        List<String> hrefs = browser.findElements(By.cssSelector("main a"))
            .stream()
            .map(a -> a.getDomAttribute("href"))
            .toList();
        assertThat(hrefs).contains("/data", "/stats", "/runs", "/output.csv", "/admin", "/swagger-ui.html");
        Http http = new Http(port);
        for (String href : hrefs) {
            HttpResponse<String> answer = http.get(href, "text/html,application/json;q=0.9,*/*;q=0.8");
            int status = answer.statusCode();
            if (status == 302) {
                // The console and Swagger UI redirect (to the login form, to the UI's
                // page).
                answer = http
                    .get(answer.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", ""));
                status = answer.statusCode();
            }
            assertThat(status).as(href).isEqualTo(200);
        }
        assertThat(http.get("/output.csv").body()).startsWith("user_id,first_name,last_name,birthts,img_path");
    }

    @Test
    void everyAnswerSendsAContentSecurityPolicyWithoutInlineScripts() {
        Http http = new Http(port);
        for (String path : List.of("/", "/data", "/admin/login", "/swagger-ui/index.html", "/nope", "/stats")) {
            HttpResponse<String> answer = http.get(path, "text/html");
            String policy = answer.headers().firstValue("Content-Security-Policy").orElse("");
            String scripts = policy.replaceAll(".*script-src ([^;]*).*", "$1");
            assertThat(scripts).as(path + ": " + policy).isEqualTo("'self'");
            assertThat(policy).as(path).contains("object-src 'none'").contains("frame-ancestors 'none'");
        }
    }

    @Test
    void jsonGetsTheSameAsLinks() {
        Http http = new Http(port);
        JsonNode door = Http.json(http.get("/", "application/json"));
        assertThat(door.get("users").asLong()).isEqualTo(100);
        assertThat(door.get("source").asString()).isEqualTo("door-src/");
        assertThat(door.get("links").get("console").get("href").asString()).isEqualTo("/admin");
        assertThat(door.get("example_queries")).isNotEmpty();
        assertThat(door.toString()).doesNotContain("never-shown-password");
    }

}
