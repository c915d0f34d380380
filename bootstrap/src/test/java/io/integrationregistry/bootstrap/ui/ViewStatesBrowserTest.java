package io.integrationregistry.bootstrap.ui;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page while its answers are slow or do not come (the browser holds or blocks them through the
 * DevTools protocol), the confirmation that deactivating asks for, and the audit trail's filters and order.
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.security.users.bob.password={noop}bob-pw",
            "registry.security.users.bob.company=acme",
            "registry.security.users.bob.roles=INTEGRATION_ADMIN"
        })
class ViewStatesBrowserTest extends BrowserTestBase {

    @Test
    void theListSaysItIsLoadingAndAFailedLoadShowsAnAlertWhoseRetryTheKeyboardReaches() {
        String name = "Slow " + shortId();
        alice().add(RegistryClient.apiKeyBody(name, "https://slow.acme.example/api", "slow-key"));
        signInAs("alice", "alice-pw");
        open("#/");
        waitUntil(() -> !names().isEmpty());

        withNetwork(() -> {
            slow(1500);
            type("#name-search", name);
            assertThat(visible("#list-loading").getText()).isEqualTo("Loading integrations…");
            assertThat(element("#integration-list").getAttribute("aria-busy")).isEqualTo("true");
            assertAccessible("list loading");
            slow(0);
            waitUntil(() -> names().equals(List.of(name)));
            assertThat(element("#integration-list").getAttribute("aria-busy")).isNull();
            assertThat(element("#list-loading").isDisplayed()).isFalse();

            block("*/api/integrations?*");
            new Select(element("#status-filter")).selectByValue("ACTIVE");
            WebElement error = visible("#list-error");
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            assertThat(error.getText()).startsWith("The integrations could not be loaded");
            assertThat(element("#integration-list").getAttribute("aria-busy")).isNull();
            assertThat(names()).as("no rows of other filters").isEmpty();
            // the rest of the page stays usable
            assertThat(element("#status-filter").isEnabled()).isTrue();
            assertThat(element("#name-search").isEnabled()).isTrue();
            assertAccessible("list failed with Retry");

            block();
            element("#list-retry").sendKeys(Keys.ENTER);
            waitUntil(() -> names().equals(List.of(name)));
            assertThat(element("#list-error").isDisplayed()).isFalse();
            assertThat(activeElementId()).as("focus after a retry").isEqualTo("integration-list");
        });
    }

    @Test
    void deactivatingAsksInADialogThatTheKeyboardCancelsOrConfirmsButActivatingDoesNot() {
        RegistryClient alice = alice();
        String name = "Confirmed " + shortId();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://confirm.acme.example/api", "confirm-key"));
        signInAs("alice", "alice-pw");
        open("#/?q=" + name.replace(' ', '+'));
        waitUntil(() -> names().equals(List.of(name)));

        toggle(id).sendKeys(Keys.ENTER);
        WebElement dialog = visible("#deactivate-dialog");
        assertThat(dialog.getAttribute("open")).isNotNull();
        assertThat(element("#deactivate-dialog-title").getText()).isEqualTo("Deactivate " + name + "?");
        assertThat(dialog.getText())
                .contains("Document users lose access to " + name + " until it is activated again")
                .contains("the gateway refuses every call through it");
        assertThat(activeElementId()).as("focus moves into the dialog").isEqualTo("deactivate-cancel");
        assertAccessible("deactivation dialog open");

        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(() -> driver.findElements(By.id("deactivate-dialog")).isEmpty());
        assertThat(focusedToggleRow()).as("Escape returns focus to the switch").isEqualTo(id);
        assertThat(toggle(id).getAttribute("aria-checked")).isEqualTo("true");

        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        visible("#deactivate-dialog");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(() -> driver.findElements(By.id("deactivate-dialog")).isEmpty());
        assertThat(focusedToggleRow()).as("Cancel returns focus to the switch").isEqualTo(id);
        assertThat(statusInList(id)).isEqualTo("ACTIVE");
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("ACTIVE");

        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        visible("#deactivate-dialog");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(activeElementId()).isEqualTo("deactivate-confirm");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(() -> statusInList(id).equals("INACTIVE"));
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("INACTIVE");
        assertThat(focusedToggleRow()).isEqualTo(id);

        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(() -> statusInList(id).equals("ACTIVE"));
        assertThat(driver.findElements(By.id("deactivate-dialog")))
                .as("activating asks nothing")
                .isEmpty();

        open("#/integrations/" + id);
        visible("#form-status-toggle").sendKeys(Keys.ENTER);
        assertThat(visible("#deactivate-dialog").getText()).contains("Document users lose access to " + name);
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(() -> driver.findElements(By.id("deactivate-dialog")).isEmpty());
        assertThat(activeElementId()).isEqualTo("form-status-toggle");
        assertThat(element("#form-status-toggle").getAttribute("aria-checked")).isEqualTo("true");
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void theIntegrationPageTheHistoryAndTheAuditTrailShowAFailedLoadWithRetryAndTheirLoading() {
        RegistryClient alice = alice();
        String name = "Fragile " + shortId();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://fragile.acme.example/api", "fragile-key"));
        alice.post("/api/integrations/" + id + "/deactivate", null);
        signInAs("alice", "alice-pw");

        withNetwork(() -> {
            block("*/api/integrations/" + id);
            open("#/integrations/" + id);
            assertThat(visible("#integration-error").getText()).startsWith("The integration could not be loaded");
            block();
            element("#integration-retry").click();
            assertThat(visible("#form-heading").getText()).contains(name);

            block("*/api/integrations/" + id + "/history");
            open("#/integrations/" + id + "/history");
            WebElement error = visible("#history-error");
            assertThat(error.getAttribute("role")).isEqualTo("alert");
            assertThat(error.getText()).startsWith("The history could not be loaded");
            assertAccessible("history failed");
            block();
            element("#history-retry").click();
            waitUntil(() -> historyTypes().equals(List.of("DEACTIVATED", "ADDED")));
            assertThat(element("#history-lead").getText()).contains("newest first");
            visible("#history-order-asc").click();
            waitUntil(() -> historyTypes().equals(List.of("ADDED", "DEACTIVATED")));
            assertThat(driver.getCurrentUrl()).endsWith("/history?order=asc");

            open("#/audit?integrationId=" + id);
            waitUntil(() -> auditTypes().equals(List.of("DEACTIVATED", "ADDED")));
            slow(1500);
            element("#audit-apply").click();
            assertThat(visible("#audit-loading").getText()).isEqualTo("Loading the audit trail…");
            assertThat(element("#audit-list").getAttribute("aria-busy")).isEqualTo("true");
            assertAccessible("audit trail loading");
            slow(0);
            waitUntil(() -> auditTypes().size() == 2);
            block("*/api/audit?*");
            element("#audit-apply").click();
            assertThat(visible("#audit-error").getText()).startsWith("The audit trail could not be loaded");
            assertThat(element("#audit-list").getAttribute("aria-busy")).isNull();
            assertAccessible("audit trail failed");
            block();
            element("#audit-retry").click();
            waitUntil(() -> auditTypes().equals(List.of("DEACTIVATED", "ADDED")));
        });
    }

    @Test
    void theAuditTrailFindsPartOfANameTheChannelAndTheRequestIdAndTurnsItsOrder() {
        RegistryClient alice = alice();
        String id = alice.add(RegistryClient.apiKeyBody(
                "Filtered " + shortId(), "https://filtered.acme.example/api", "filtered-key"));
        new RegistryClient(port, "bob", "bob-pw").post("/api/integrations/" + id + "/deactivate", null);
        alice.send("POST", "/api/integrations/" + id + "/activate", null, Map.of("X-Registry-Source", "ui"));
        String added = alice.get("/api/audit?integrationId=" + id + "&type=ADDED")
                .json()
                .path("items")
                .path(0)
                .path("requestId")
                .asText();
        signInAs("alice", "alice-pw");
        open("#/audit?integrationId=" + id);
        waitUntil(() -> auditTypes().size() == 3);

        type("#audit-actor", "LIC");
        element("#audit-apply").click();
        waitUntil(() -> auditTypes().equals(List.of("ACTIVATED", "ADDED")));
        element("#audit-actor").clear();
        type("#audit-actor", ".*");
        element("#audit-apply").click();
        waitUntil(() ->
                auditTypes().isEmpty() && element("#audit-list").getText().equals("No change matches these filters."));
        element("#audit-actor").clear();

        new Select(element("#audit-source")).selectByValue("ui");
        element("#audit-apply").click();
        waitUntil(() -> auditTypes().equals(List.of("ACTIVATED")));
        new Select(element("#audit-source")).selectByValue("");
        type("#audit-request", added);
        element("#audit-apply").click();
        waitUntil(() -> auditTypes().equals(List.of("ADDED")));
        assertThat(element("#audit-export-csv").getAttribute("href")).contains("requestId=" + added);
        assertAccessible("filtered audit trail");
        element("#audit-request").clear();
        element("#audit-apply").click();
        waitUntil(() -> auditTypes().equals(List.of("ACTIVATED", "DEACTIVATED", "ADDED")));

        element("#audit-order-asc").click();
        waitUntil(() -> auditTypes().equals(List.of("ADDED", "DEACTIVATED", "ACTIVATED")));
        assertThat(driver.getCurrentUrl()).contains("order=asc");
        assertThat(element("#audit-export-ndjson").getAttribute("href")).contains("order=asc");
        assertThat(element("#audit-results").getAttribute("textContent")).isEqualTo("Changes, oldest first");
        assertAccessible("audit trail oldest first");
    }

    private static WebElement toggle(String id) {
        return row(id).findElement(By.cssSelector(".status-toggle"));
    }

    /** The integration of the row whose switch has the focus. */
    private static String focusedToggleRow() {
        return (String) script("const focused = document.activeElement;"
                + "return focused && focused.classList.contains('status-toggle')"
                + " ? focused.closest('[data-integration-id]').dataset.integrationId : null");
    }

    private static List<String> historyTypes() {
        return types("#history-list .history-entry");
    }

    private static List<String> auditTypes() {
        return types("#audit-list .audit-entry");
    }

    private static List<String> types(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(entry -> entry.getAttribute("data-type"))
                .toList();
    }

    private static void withNetwork(Runnable steps) {
        driver.executeCdpCommand("Network.enable", Map.of());
        try {
            steps.run();
        } finally {
            block();
            slow(0);
            driver.executeCdpCommand("Network.disable", Map.of());
        }
    }

    /** Blocks the requests to URLs of these patterns (none: blocks nothing any more). */
    private static void block(String... patterns) {
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** Delays every answer by this many milliseconds. */
    private static void slow(int latency) {
        driver.executeCdpCommand(
                "Network.emulateNetworkConditions",
                Map.of("offline", false, "latency", latency, "downloadThroughput", -1, "uploadThroughput", -1));
    }
}
