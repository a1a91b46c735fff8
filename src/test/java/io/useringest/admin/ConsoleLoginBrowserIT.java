package io.useringest.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.useringest.config.LoginThrottle;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

/**
 * Logging in and out of the console, the session cookie, CSRF, and slowing down repeated
 * failed logins.
 */
class ConsoleLoginBrowserIT extends ConsoleBrowserTests {

    @Test
    void aWrongPasswordIsRefusedTheRightOneOpensTheConsoleAndLogoutEndsTheSession() throws Exception {
        browser.get(url("/admin"));
        waitUntil(d -> d.getCurrentUrl().contains("/admin/login"));
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).contains("User name");
        browser.findElement(By.id("username")).sendKeys("admin");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.id("sign-in")).click();
        waitUntil(d -> d.getCurrentUrl().contains("error"));
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Wrong user name or password");

        logIn();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        screenshot("console-dashboard");

        browser.findElement(By.id("logout")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/admin/login?logout"));
        browser.get(url("/admin/runs"));
        waitUntil(d -> d.getCurrentUrl().contains("/admin/login"));
        assertNoScriptFromTheBucketRan();
    }

    @Test
    void aForgedPostWithoutTheCsrfTokenIsRefusedAndStartsNothing() {
        logIn();
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        long runsBefore = http.get("/runs?limit=1000").body().split("\"id\"").length;

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url("/admin/runs")))
            .header("Cookie", "JSESSIONID=" + session)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("force=true"))
            .build());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(http.get("/runs?limit=1000").body().split("\"id\"")).hasSize((int) runsBefore);
        browser.get(url("/admin"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).as("still logged in").isEqualTo("Dashboard");
    }

    @Test
    void repeatedFailedLoginsFromOneAddressAreSlowedDown() {
        // Behind a proxy (forwarded headers are trusted from private addresses) each
        // client
        // counts on its own, so this address does not slow the other tests down.
        String client = "10.66.0." + (System.nanoTime() % 200 + 1);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertThat(login(client, "wrong").headers().firstValue("Location").orElse(""))
                .endsWith("/admin/login?error");
        }
        HttpResponse<String> refused = login(client, PASSWORD);
        assertThat(refused.headers().firstValue("Location").orElse("")).contains("/admin/login?wait=");
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();

        HttpResponse<String> otherClient = login("10.66.1.1", PASSWORD);
        assertThat(otherClient.headers().firstValue("Location").orElse("")).endsWith("/admin");
    }

    /**
     * Posts the login form (with a CSRF token from the login page) as a client at this
     * address.
     */
    private HttpResponse<String> login(String client, String password) {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url("/admin/login")))
            .header("X-Forwarded-For", client)
            .GET()
            .build());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        return http.send(HttpRequest.newBuilder(URI.create(url("/admin/login")))
            .header("X-Forwarded-For", client)
            .header("Cookie", cookie)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers
                .ofString("username=admin&password=" + password + "&_csrf=" + token.group(1)))
            .build());
    }

}
