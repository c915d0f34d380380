package io.integrationregistry.bootstrap.ui;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the admin page's browser tests share: Debian's headless Chromium through chromium-driver, one per
 * test class, against the whole service on its embedded default with a data folder of its own; every
 * test fails on a script error or a Content-Security-Policy violation in the browser's console. The tests
 * are skipped, with a message, where Chromium is not installed.
 */
abstract class BrowserTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String NO_CHROMIUM =
            "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped";
    protected static final Path SCREENSHOTS = Path.of("..", "adapters", "web-ui", "screenshots");
    protected static final Dimension DESKTOP = new Dimension(1280, 900);

    private static final boolean INSTALLED = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    /** Commands go through chromedriver, so Selenium's own DevTools client (and its version warning) is not needed. */
    private static final java.util.logging.Logger CDP_VERSION_FINDER =
            java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private static ChromeDriverService service;
    protected static ChromeDriver driver;
    protected static Path downloads;

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws IOException {
        String folder = Files.createTempDirectory("registry-ui-test").toString();
        registry.add("registry.embedded-mongo.path", () -> folder);
    }

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!INSTALLED) {
            System.err.println(NO_CHROMIUM);
            return;
        }
        CDP_VERSION_FINDER.setLevel(Level.OFF);
        downloads = Files.createTempDirectory("registry-ui-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                // a headless renderer is never throttled as a background one, nor short of shared memory
                "--disable-renderer-backgrounding",
                "--disable-background-timer-throttling",
                "--disable-backgrounding-occluded-windows",
                "--disable-dev-shm-usage",
                "--window-size=1280,900");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        // A page that guards unsaved changes asks before it is left: a test moving on accepts that prompt
        // rather than leaving it open, and no browser command may wait longer than a minute.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
        driver = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(60)));
        // a page that does not finish loading fails its command within half a minute, not five
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand(
                "Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @BeforeEach
    void chromiumIsInstalled() {
        Assumptions.assumeTrue(INSTALLED, NO_CHROMIUM);
    }

    /** The page runs under a strict Content-Security-Policy: any violation, or any script error, fails the test. */
    @AfterEach
    void noScriptErrorsNorPolicyViolations() {
        if (driver == null) {
            return;
        }
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy")
                        || message.contains("Uncaught")
                        || message.contains("SyntaxError")
                        || message.contains("TypeError"))
                .toList();
        assertThat(problems).as("browser console").isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    protected String base() {
        return "http://localhost:" + port;
    }

    protected RegistryClient alice() {
        return new RegistryClient(port, "alice", "alice-pw");
    }

    protected static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Page loads so far: each load asks for a new query, so that it is a new document. */
    private static int loads;

    /**
     * The page's address for a fresh load at a route: a fragment change alone would keep the previous view for a
     * moment, and a detour through {@code about:blank} changes the renderer process twice, which now and then
     * leaves headless Chromium's next command waiting on a renderer. The page drops the query once loaded.
     */
    protected String fresh(String hash) {
        return base() + "/?load=" + ++loads + hash;
    }

    /** Loads the page afresh at a route. */
    protected void open(String hash) {
        driver.get(fresh(hash));
        visible("#view h1");
    }

    protected void signInAs(String user, String password) {
        driver.get(fresh(""));
        wait(10).until(d -> element("#current-user").isDisplayed()
                || element("#sign-in-form").isDisplayed());
        if (element("#current-user").isDisplayed()) {
            if (element("#current-user").getText().startsWith(user + " ")) {
                return;
            }
            element("#sign-out").click();
            visible("#sign-in-form");
        }
        signIn(user, password);
    }

    protected void signIn(String user, String password) {
        element("#sign-in-username").clear();
        type("#sign-in-username", user);
        element("#sign-in-password").clear();
        type("#sign-in-password", password);
        element("#sign-in-submit").click();
        wait(10).until(d -> element("#current-user").isDisplayed()
                && element("#current-user").getText().startsWith(user + " "));
    }

    protected static WebElement element(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    protected static WebElement visible(String css) {
        return wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    protected static void type(String css, String text) {
        visible(css).sendKeys(text);
    }

    protected static WebDriverWait wait(int seconds) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds));
    }

    protected static void waitUntil(java.util.function.BooleanSupplier condition) {
        wait(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(d -> condition.getAsBoolean());
    }

    protected static Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    protected static String activeElementId() {
        return (String) script("return document.activeElement && document.activeElement.id");
    }

    protected static WebElement row(String id) {
        return visible("#integration-list [data-integration-id='" + id + "']");
    }

    protected static String statusInList(String id) {
        return row(id).findElement(By.cssSelector(".integration-status")).getText();
    }

    protected static List<String> names() {
        return driver.findElements(By.cssSelector("#integration-list [data-integration-id] .integration-name")).stream()
                .map(WebElement::getText)
                .toList();
    }

    protected static void assertNoHorizontalOverflow() {
        Number scrollWidth = (Number) script("return document.documentElement.scrollWidth");
        Number innerWidth = (Number) script("return window.innerWidth");
        assertThat(scrollWidth.intValue())
                .as("page width at %s px; wider than the window: %s", innerWidth, script("""
                        return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                            // what a scrolling box holds does not widen the page
                            .filter(e => {
                                for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
                                    if (getComputedStyle(p).overflowX !== 'visible') {
                                        return false;
                                    }
                                }
                                return true;
                            })
                            .slice(0, 5)
                            .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' '
                                + Math.round(e.getBoundingClientRect().right))
                            .join(', ')"""))
                .isLessThanOrEqualTo(innerWidth.intValue());
    }

    /** The WCAG 2.0, 2.1 and 2.2 rules of levels A and AA that axe-core checks. */
    private static final List<String> WCAG_22_AA =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    /**
     * Runs axe-core on the page as it is now and fails, naming each rule and element, on any WCAG 2.2 AA
     * violation. Called on every state a browser test visits: the state is named in the failure.
     */
    @SuppressWarnings("deprecation") // the legacy mode: see below
    protected static void assertAccessible(String state) {
        // In the page itself (it has no frames), rather than in a window axe would open and close for each run.
        Results results =
                new AxeBuilder().setLegacyMode(true).withTags(WCAG_22_AA).analyze(driver);
        List<String> violations =
                results.getViolations().stream().map(BrowserTestBase::describe).toList();
        assertThat(violations)
                .as("axe-core WCAG 2.2 AA violations in state '%s'", state)
                .isEmpty();
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getHelp() + ") at "
                + rule.getNodes().stream()
                        .limit(3)
                        .map(node -> String.valueOf(node.getTarget()))
                        .toList();
    }

    protected static java.util.Optional<Path> downloaded(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(file -> file.getFileName().toString().endsWith(suffix))
                    .findFirst();
        } catch (IOException unreadable) {
            return java.util.Optional.empty();
        }
    }

    /** A PNG of the whole page, 1280 px wide, into adapters/web-ui/screenshots. */
    @SuppressWarnings("unchecked")
    protected static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        long width = ((Number) script("return window.innerWidth")).longValue();
        long height = ((Number) script("return Math.max(document.documentElement.scrollHeight, window.innerHeight)"))
                .longValue();
        byte[] png;
        try {
            Map<String, Object> shot = driver.executeCdpCommand(
                    "Page.captureScreenshot",
                    Map.of(
                            "format",
                            "png",
                            "captureBeyondViewport",
                            true,
                            "clip",
                            Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException unsupported) {
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
