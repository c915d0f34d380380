package io.integrationregistry.bootstrap.ui;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health of each integration and the log of its provider calls on the admin page, in a real browser,
 * after real calls through the service's document gateway to stub providers on loopback (plain http and
 * 127.0.0.1 are allowed for them, as an operator allows an on-premise provider).
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.security.users.audrey.password={noop}audrey-pw",
            "registry.security.users.audrey.company=acme",
            "registry.security.users.audrey.roles=AUDITOR",
            "registry.security.users.dora.password={noop}dora-pw",
            "registry.security.users.dora.company=acme",
            "registry.security.users.dora.roles=DOCUMENT_USER",
            "registry.public-url=https://registry.acme.example",
            "registry.outbound.allow-plain-http=true",
            "registry.outbound.allowed-private-hosts=127.0.0.1",
            "registry.outbound.read-timeout=PT2S"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProviderCallsBrowserTest extends BrowserTestBase {

    private static final String PROVIDER_KEY = "calls-provider-key-0123456789-ui";
    /** Markup in a provider's error text: the page must show it as text. */
    private static final String HOSTILE_MESSAGE = "<img src=x id=planted> disk full";
    /** Calls to the broken provider: enough failures in a row to make it failing. */
    private static final int BROKEN_CALLS = 5;
    /** The page's size of one page of calls. */
    private static final int PAGE_SIZE = 25;

    private static DocumentProviderStub steady;
    private static DocumentProviderStub broken;
    private static String steadyId;
    private static String brokenId;
    private static String flakyId;

    @BeforeAll
    static void startTheProviders() {
        steady = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        broken = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        broken.faults().failWith("{\"status\":\"error\",\"error\":\"backend down\"}");
    }

    @AfterAll
    static void stopTheProviders() {
        steady.close();
        broken.close();
    }

    @Test
    @Order(1)
    void the_health_column_shows_healthy_after_successful_calls_and_failing_after_failing_ones() {
        RegistryClient alice = alice();
        steadyId = alice.add(RegistryClient.apiKeyBody("Steady drive", steady.baseApiUrl(), PROVIDER_KEY));
        brokenId = alice.add(RegistryClient.apiKeyBody("Broken drive", broken.baseApiUrl(), PROVIDER_KEY));
        flakyId = alice.add(RegistryClient.apiKeyBody("Flaky drive", steady.baseApiUrl(), PROVIDER_KEY));
        String idleId = alice.add(
                RegistryClient.apiKeyBody("Idle drive", "https://idle.acme.example/webhooks/v1", PROVIDER_KEY));
        RegistryClient dora = dora();
        for (int call = 0; call < 3; call++) {
            assertThat(dora.get(documents(steadyId, "files?parentId=%2F")).status())
                    .isEqualTo(200);
        }
        // five failures in a row make an integration failing
        for (int call = 0; call < BROKEN_CALLS; call++) {
            assertThat(dora.get(documents(brokenId, "files?parentId=%2F")).status())
                    .isEqualTo(502);
        }
        // a last call that failed makes it degraded
        assertThat(dora.get(documents(flakyId, "files?parentId=%2F")).status()).isEqualTo(200);
        steady.faults().failNext("metadata", 404, "no such document");
        assertThat(dora.get(documents(flakyId, "metadata?id=gone")).status()).isEqualTo(404);
        steady.faults().failNext("files", 503, "maintenance");
        assertThat(dora.get(documents(flakyId, "files?parentId=%2F")).status()).isEqualTo(502);
        waitUntil(() -> health(alice, steadyId).equals("HEALTHY")
                && health(alice, brokenId).equals("FAILING")
                && health(alice, flakyId).equals("DEGRADED"));

        signInAs("alice", "alice-pw");
        open("#/");
        assertThat(element("#integration-list thead").getText()).contains("HEALTH");
        waitUntil(() -> healthBadge(steadyId).getText().equals("Healthy"));
        assertThat(healthBadge(steadyId).getAttribute("data-health")).isEqualTo("HEALTHY");
        assertThat(row(steadyId).findElement(By.cssSelector(".last-call")).getText())
                .startsWith("Last call")
                .endsWith("Success (HTTP 200)");
        assertThat(healthBadge(brokenId).getText()).isEqualTo("Failing");
        assertThat(healthBadge(brokenId).getAttribute("data-health")).isEqualTo("FAILING");
        assertThat(row(brokenId).findElement(By.cssSelector(".last-call")).getText())
                .endsWith("Provider error (HTTP 500)");
        assertThat(healthBadge(flakyId).getText()).isEqualTo("Degraded");
        assertThat(row(flakyId).findElement(By.cssSelector(".last-call")).getText())
                .endsWith("Provider error (HTTP 503)");
        assertThat(healthBadge(idleId).getText()).isEqualTo("No recent calls");
        assertThat(row(idleId).findElement(By.cssSelector(".last-call")).getText())
                .isEqualTo("No provider call recorded");
        // the state is in the badge's words, not only in its colour
        assertThat(healthBadge(steadyId).getCssValue("background-color"))
                .isNotEqualTo(healthBadge(brokenId).getCssValue("background-color"));
        assertAccessible("list with every health");
    }

    @Test
    @Order(2)
    void the_call_log_lists_the_calls_newest_first_narrows_them_by_outcome_and_loads_more() throws IOException {
        signInAs("alice", "alice-pw");
        open("#/integrations/" + flakyId);
        waitUntil(() -> callRows().size() == 3);
        assertThat(element("#integration-health").getText()).contains("Degraded", "Provider error (HTTP 503)");
        assertThat(callRows())
                .extracting(row -> row.getAttribute("data-outcome"))
                .containsExactly("provider-error", "not-found", "success");
        assertThat(callRows().get(0).getText()).contains("dora", "files", "503", "Provider error", "maintenance");
        assertThat(element("#provider-calls-more").isDisplayed()).isFalse();
        screenshot("calls.png");
        assertAccessible("call log");
        // the answer to a change carries no health: the page keeps showing the one it read
        element("#form-status-toggle").click();
        visible("#deactivate-confirm").click();
        waitUntil(() -> "false".equals(element("#form-status-toggle").getAttribute("aria-checked")));
        element("#form-status-toggle").click();
        waitUntil(() -> "true".equals(element("#form-status-toggle").getAttribute("aria-checked")));
        assertThat(element("#integration-health").getText()).contains("Degraded", "Provider error (HTTP 503)");

        RegistryClient dora = dora();
        for (int call = 0; call < PAGE_SIZE; call++) {
            assertThat(dora.get(documents(steadyId, "files?parentId=%2F")).status())
                    .isEqualTo(200);
        }
        steady.faults().failNext("metadata", 500, HOSTILE_MESSAGE);
        assertThat(dora.get(documents(steadyId, "metadata?id=d-1")).status()).isEqualTo(502);
        steady.faults().failNext("metadata", 404, "no such document");
        assertThat(dora.get(documents(steadyId, "metadata?id=gone")).status()).isEqualTo(404);
        int made = PAGE_SIZE + 3 + 2;
        waitUntil(() -> countCalls(alice(), steadyId) == made);

        open("#/integrations/" + steadyId);
        waitUntil(() -> callRows().size() == PAGE_SIZE);
        assertThat(element("#provider-calls-results").getAttribute("aria-busy")).isNull();
        assertThat(element("#integration-health").getText()).contains("Health", "Healthy", "Not found (HTTP 404)");
        assertThat(element("#provider-calls-table thead").getText())
                .contains("TIME", "USER", "ENDPOINT", "STATUS", "OUTCOME", "DURATION", "BYTES", "REQUEST ID")
                .contains("PROVIDER MESSAGE");
        WebElement newest = callRows().get(0);
        assertThat(newest.getAttribute("data-outcome")).isEqualTo("not-found");
        assertThat(newest.getText()).contains("dora", "metadata", "404", "Not found", "no such document");
        WebElement hostile = callRows().get(1);
        assertThat(hostile.getAttribute("data-outcome")).isEqualTo("provider-error");
        assertThat(hostile.findElement(By.cssSelector(".call-message")).getText())
                .isEqualTo(HOSTILE_MESSAGE);
        assertThat(driver.findElements(By.id("planted")))
                .as("markup of the provider")
                .isEmpty();
        assertThat(callRows().get(2).getText()).contains("dora", "files", "200", "Success", " ms");
        assertThat(visible("#provider-calls-more").getText()).isEqualTo("Load more");

        element("#provider-calls-more").click();
        waitUntil(() -> callRows().size() == made);
        assertThat(element("#provider-calls-more").isDisplayed()).isFalse();
        assertThat(callRows().get(made - 1).getText()).contains("files", "Success");

        new Select(element("#provider-calls-outcome")).selectByValue("provider-error");
        waitUntil(() -> callRows().size() == 1);
        assertThat(callRows()
                        .get(0)
                        .findElement(By.cssSelector(".call-message"))
                        .getText())
                .isEqualTo(HOSTILE_MESSAGE);
        assertThat(element("#provider-calls-more").isDisplayed()).isFalse();

        new Select(element("#provider-calls-outcome")).selectByValue("timeout");
        waitUntil(() -> element("#provider-calls-empty").isDisplayed());
        assertThat(element("#provider-calls-empty").getText())
                .isEqualTo("No provider calls with the outcome \"Timed out\" in the log.");
        assertThat(element("#provider-calls-table").isDisplayed()).isFalse();

        new Select(element("#provider-calls-outcome")).selectByValue("");
        waitUntil(() -> callRows().size() == PAGE_SIZE);
    }

    @Test
    @Order(3)
    void an_integration_without_calls_says_so_and_a_failed_load_shows_an_error_with_retry() {
        RegistryClient alice = alice();
        String quiet = alice.add(RegistryClient.apiKeyBody("Quiet drive", steady.baseApiUrl(), PROVIDER_KEY));

        signInAs("alice", "alice-pw");
        open("#/integrations/" + quiet);
        WebElement empty = visible("#provider-calls-empty");
        assertThat(empty.getText()).isEqualTo("No provider calls in the log.");
        assertThat(element("#integration-health").getText()).contains("No recent calls");

        driver.executeCdpCommand("Network.enable", Map.of());
        try {
            driver.executeCdpCommand(
                    "Network.setBlockedURLs", Map.of("urls", List.of("*/api/integrations/*/provider-calls*")));
            open("#/integrations/" + steadyId);
            WebElement error = visible("#provider-calls-error");
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            assertThat(error.getText()).startsWith("The provider calls could not be loaded");
            assertThat(element("#provider-calls-results").getAttribute("aria-busy"))
                    .isNull();
            assertThat(callRows()).isEmpty();
            assertAccessible("call log failed to load");

            driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            // a slow answer: the log says it is loading, and is busy, until it comes
            driver.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 1500, "downloadThroughput", -1, "uploadThroughput", -1));
            element("#provider-calls-retry").click();
            assertThat(visible("#provider-calls-loading").getText()).isEqualTo("Loading provider calls…");
            assertThat(element("#provider-calls-results").getAttribute("aria-busy"))
                    .isEqualTo("true");
            assertThat(element("#provider-calls-error").isDisplayed()).isFalse();
            driver.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            waitUntil(() -> callRows().size() == PAGE_SIZE);
            assertThat(element("#provider-calls-results").getAttribute("aria-busy"))
                    .isNull();
            assertThat(element("#provider-calls-loading").isDisplayed()).isFalse();
        } finally {
            driver.executeCdpCommand("Network.disable", Map.of());
        }
    }

    @Test
    @Order(4)
    void an_auditor_sees_the_health_and_the_call_log_read_only() {
        signInAs("audrey", "audrey-pw");
        open("#/");
        waitUntil(() -> healthBadge(brokenId).getText().equals("Failing"));
        assertThat(driver.findElements(By.cssSelector(".status-toggle"))).isEmpty();

        open("#/integrations/" + brokenId);
        waitUntil(() -> callRows().size() == BROKEN_CALLS);
        assertThat(element("#integration-health").getText()).contains("Failing").contains("Provider error");
        callRows().forEach(row -> assertThat(row.getText()).contains("dora", "files", "500", "backend down"));
        assertThat(driver.findElements(By.id("save-integration"))).isEmpty();
        assertThat(driver.findElements(By.id("form-status-toggle"))).isEmpty();
        assertThat(driver.findElements(By.id("test-connection"))).isEmpty();
        assertThat(element("#provider-calls").findElements(By.cssSelector("input, textarea")))
                .as("nothing to change in the call log")
                .isEmpty();
        assertThat(element("#provider-calls").findElements(By.cssSelector("button")))
                .as("the call log's only buttons read")
                .extracting(button -> button.getAttribute("id"))
                .containsExactlyInAnyOrder("provider-calls-retry", "provider-calls-more");

        new Select(element("#provider-calls-outcome")).selectByValue("success");
        waitUntil(() -> element("#provider-calls-empty").isDisplayed());
        assertThat(callRows()).isEmpty();
        assertAccessible("call log read by an auditor, filtered to nothing");
    }

    @Test
    @Order(5)
    void a_document_user_gets_403_for_the_call_log_and_the_page_says_they_have_no_access() {
        assertThat(dora().get("/api/integrations/" + steadyId + "/provider-calls")
                        .status())
                .isEqualTo(403);

        signInAs("dora", "dora-pw");
        open("#/integrations/" + steadyId);
        WebElement denied = visible("#provider-calls-denied");
        assertThat(denied.getText()).startsWith("You have no access to the provider calls");
        assertAccessible("call log denied");
        assertThat(driver.findElements(By.id("provider-calls-table"))).isEmpty();
        assertThat(driver.findElements(By.id("provider-calls-outcome"))).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(HOSTILE_MESSAGE.substring(5));
    }

    @Test
    @Order(6)
    void the_call_log_fits_a_390_pixel_wide_screen() {
        signInAs("alice", "alice-pw");
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            open("#/integrations/" + steadyId);
            waitUntil(() -> callRows().size() == PAGE_SIZE);
            assertNoHorizontalOverflow();
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    @Order(7)
    void onAServiceThatAcceptsPlainHttpTheFormLetsAnHttpProviderBeAdded() {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        String name = "Plain " + shortId();
        type("#field-name", name);
        type("#field-baseApiUrl", steady.baseApiUrl());
        element("#auth-type-apikey").click();
        type("#field-apiKey", PROVIDER_KEY);
        element("#save-integration").click();

        waitUntil(() -> element("#view h1").getText().equals("Edit " + name));
        assertThat(driver.findElements(By.cssSelector("#error-baseApiUrl"))).allMatch(error -> !error.isDisplayed());
        assertThat(steady.baseApiUrl()).startsWith("http://");
        assertAccessible("an http provider added on a development service");
    }

    // ---------------------------------------------------------------- helpers

    private RegistryClient dora() {
        return new RegistryClient(port, "dora", "dora-pw");
    }

    private static String documents(String id, String call) {
        return "/api/integrations/" + id + "/documents/" + call;
    }

    private static String health(RegistryClient client, String id) {
        return client.integration(id).path("health").asText();
    }

    /** The calls of an integration the API lists, every page of them. */
    private static int countCalls(RegistryClient client, String id) {
        int count = 0;
        String cursor = null;
        do {
            var page = client.get("/api/integrations/" + id + "/provider-calls?size=100"
                            + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)))
                    .json();
            count += page.path("items").size();
            cursor = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (cursor != null);
        return count;
    }

    private static WebElement healthBadge(String id) {
        return row(id).findElement(By.cssSelector(".health-badge"));
    }

    private static List<WebElement> callRows() {
        return driver.findElements(By.cssSelector("#provider-calls-table tbody tr"));
    }
}
