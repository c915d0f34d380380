package io.integrationregistry.bootstrap.ui;

import com.sun.net.httpserver.HttpServer;
import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another site's page cannot make a browser change anything with the HTTP Basic credentials the browser
 * holds for this service. In real Chromium: the browser is given alice's credentials (a same-origin request
 * answered by the Basic challenge, as a script of the service's own page would make it, so that Chromium
 * keeps them for the service's {@code /api/}), which a same-origin request then proves it sends on its own;
 * then a page served from another origin ({@code 127.0.0.1}, another port: another site) submits a form
 * {@code POST .../deactivate} to the service as soon as it loads. The integration must still be active.
 * Skipped, with a message, where Chromium is not installed.
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.public-url=https://registry.acme.example"
        })
class CrossSiteFormBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final boolean INSTALLED = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    private static final String NO_CHROMIUM =
            "Chromium not installed (apt-get install chromium chromium-driver): browser tests skipped";

    private static ChromeDriverService service;
    private static ChromeDriver driver;
    private static HttpServer otherSite;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws IOException {
        String folder = Files.createTempDirectory("registry-cross-site-test").toString();
        registry.add("registry.embedded-mongo.path", () -> folder);
    }

    @BeforeAll
    static void startBrowserAndOtherSite() throws IOException {
        if (!INSTALLED) {
            System.err.println(NO_CHROMIUM);
            return;
        }
        java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder")
                .setLevel(Level.OFF);
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
                "--window-size=1024,768");
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);

        otherSite = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        otherSite.createContext("/", exchange -> {
            // the page's only content: a form that posts itself to the address in the query, at once
            String target = exchange.getRequestURI().getQuery().substring("target=".length());
            byte[] page = """
                    <!doctype html><html><body>
                    <form id="f" method="POST" action="%s"><input type="hidden" name="x" value="1"></form>
                    <script>document.getElementById('f').submit();</script>
                    </body></html>""".formatted(target).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        });
        otherSite.start();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (otherSite != null) {
            otherSite.stop(0);
        }
    }

    @Test
    void crossSiteRequestForgeryThroughBasicAuthenticationIsRefused() {
        Assumptions.assumeTrue(INSTALLED, NO_CHROMIUM);
        RegistryClient alice = new RegistryClient(port, "alice", "alice-pw");
        String victim = alice.add(RegistryClient.apiKeyBody(
                "Forgery target", "https://files.acme.example/hooks", "provider-api-key-0123456789"));
        String control = alice.add(RegistryClient.apiKeyBody(
                "Same-origin control", "https://files.acme.example/h2", "provider-api-key-9876543210"));
        String registry = "http://localhost:" + port;

        // the browser is given alice's credentials once, and keeps them
        driver.get(registry + "/");
        Object given = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const xhr = new XMLHttpRequest();
                xhr.open('GET', '/api/me', true, 'alice', 'alice-pw');
                xhr.onload = () => done(xhr.status);
                xhr.onerror = () => done('error');
                xhr.send();""");
        assertThat(given).as("the browser signed in with the Basic challenge").isEqualTo(200L);
        Object sentOnItsOwn = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/integrations/%s/deactivate', {method: 'POST'})
                    .then(answer => done(answer.status), () => done('error'));""".formatted(control));
        assertThat(sentOnItsOwn)
                .as("the browser sends the kept credentials with no script's help")
                .isEqualTo(200L);
        assertThat(alice.integration(control).path("status").asText()).isEqualTo("INACTIVE");

        // another site's page posts a form to the service
        String target = registry + "/api/integrations/" + victim + "/deactivate";
        driver.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/?target=" + target);
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(browser -> target.equals(browser.getCurrentUrl())
                        && "complete".equals(driver.executeScript("return document.readyState")));

        assertThat(driver.getPageSource()).contains("/problems/cross-site-request");
        assertThat(alice.integration(victim).path("status").asText())
                .as("the forged deactivation had no effect")
                .isEqualTo("ACTIVE");
    }
}
