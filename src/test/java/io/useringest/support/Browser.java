package io.useringest.support;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for a test ({@code @RegisterExtension}): Debian's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} when present (nothing is
 * downloaded), otherwise whatever Selenium Manager provides (it can on a machine with
 * internet); if neither works the test fails with one line saying what to install. When a
 * test fails, a screenshot of the page goes to
 * {@code target/screenshots/<class>-<test>.png}.
 */
public final class Browser implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver driver;

    private Path profile;

    public WebDriver driver() {
        return driver;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            options.setBinary(CHROMIUM.toFile());
            driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(), options);
            return;
        }
        try {
            driver = new ChromeDriver(options);
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("browser tests need Chromium: apt-get install -y chromium chromium-driver "
                    + "(.ci/run does this), or a machine where Selenium Manager can download Chrome ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (driver instanceof TakesScreenshot camera) {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            Path file = dir.resolve(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png");
            Files.write(file, camera.getScreenshotAs(OutputType.BYTES));
            failure.addSuppressed(new AssertionError("screenshot of the page: " + file.toAbsolutePath()));
        }
        throw failure;
    }

    /** Saves what the browser shows now (for looking at pages, not for asserting). */
    public Path screenshot(Path file) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Runs axe-core (Deque's bundled copy, in this browser) over the page shown now and
     * fails listing every violation: rule, impact, help and the elements.
     */
    public void assertAccessible(String page) {
        Results results = new AxeBuilder().analyze(driver);
        List<String> violations = results.getViolations()
            .stream()
            .map(rule -> rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                    + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
            .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core finds " + violations.size() + " violations on " + page + " ("
                    + driver.getCurrentUrl() + "):\n  " + String.join("\n  ", violations));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

}
