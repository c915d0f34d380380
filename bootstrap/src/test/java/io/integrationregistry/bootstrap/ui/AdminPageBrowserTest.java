package io.integrationregistry.bootstrap.ui;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.bootstrap.RegistryApplication;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page in a real browser (Debian's headless Chromium through chromium-driver) against the
 * whole service on its embedded default. Skipped, with a message, where Chromium is not installed.
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
            "registry.security.users.bob.password={noop}bob-pw",
            "registry.security.users.bob.company=acme",
            "registry.security.users.bob.roles=INTEGRATION_ADMIN",
            "registry.public-url=https://registry.acme.example"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageBrowserTest extends BrowserTestBase {

    private static final String CLIENT_SECRET = "northwind-client-secret-7f3a";
    private static final String API_KEY = "northwind-api-key-0123456789-k9x2";
    private static final String TYPED_KEY = "typed-provider-key-0123456789-ui";

    @Autowired
    ForRecordingConnectionTests connectionTests;

    /** Whoever learns of each provider call: the call log among them. */
    @Autowired
    List<ForObservingProviderCalls> providerCallObservers;

    // ---------------------------------------------------------------- the tests

    @Test
    @Order(1)
    void wrong_credentials_are_refused_next_to_the_form_and_the_session_lives_in_session_storage_only() {
        driver.get(base() + "/");
        WebElement form = visible("#sign-in-form");
        assertThat(element("#sign-in-token").isDisplayed())
                .as("the bearer token field, for BASIC")
                .isFalse();

        type("#sign-in-username", "alice");
        type("#sign-in-password", "not-her-password");
        form.findElement(By.cssSelector("button[type=submit]")).click();

        assertThat(visible("#sign-in-error").getText()).contains("Wrong user name or password");
        assertThat(activeElementId()).isEqualTo("sign-in-username");
        assertAccessible("sign-in refused");
        assertThat(script("return window.sessionStorage.length")).isEqualTo(0L);
        assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
                .as("the browser console is read (the refused sign-in logs its 401)")
                .anyMatch(entry -> entry.getMessage().contains("401"));

        signIn("alice", "alice-pw");
        assertThat(visible("#current-user").getText()).contains("alice").contains("acme");
        assertThat((String) script("return window.sessionStorage.getItem('integration-registry.authorization')"))
                .startsWith("Basic ");
        assertThat(script("return window.localStorage.length")).isEqualTo(0L);
        assertThat(driver.getCurrentUrl()).doesNotContain("alice-pw");

        element("#sign-out").click();
        visible("#sign-in-form");
        assertThat(script("return window.sessionStorage.length")).isEqualTo(0L);
        assertThat(element("#current-user").isDisplayed()).isFalse();
    }

    @Test
    @Order(2)
    void the_list_shows_name_url_type_status_health_and_last_change_and_filters_by_status_and_name()
            throws IOException {
        RegistryClient alice = alice();
        String acme = alice.add(RegistryClient.oauth2Body("Acme DMS", "acme-dms-client-secret-0001"));
        String contoso = alice.add(RegistryClient.apiKeyBody(
                "Contoso SharePoint bridge",
                "https://sp-bridge.contoso.example/webhooks/v1",
                "contoso-provider-key-123456"));
        String legacy =
                alice.add(RegistryClient.apiKeyBody("Legacy archive", "https://archive.acme.example/dms", "short-key"));
        alice.post("/api/integrations/" + legacy + "/deactivate", null);
        // the provider calls of the last minutes, as the document gateway reports them
        Instant now = Instant.now();
        for (int call = 5; call > 0; call--) {
            observe(providerCall(acme, now.minusMillis(10L * call), 200, ProviderCallOutcome.SUCCESS));
            observe(providerCall(contoso, now.minusMillis(10L * call), 0, ProviderCallOutcome.TIMEOUT));
        }
        waitUntil(() -> alice.integration(acme).path("health").asText().equals("HEALTHY")
                && alice.integration(contoso).path("health").asText().equals("FAILING"));

        signInAs("alice", "alice-pw");
        open("#/");
        WebElement row = row(legacy);
        assertThat(row.findElement(By.cssSelector(".integration-name")).getText())
                .isEqualTo("Legacy archive");
        assertThat(row.findElement(By.cssSelector(".integration-status")).getText())
                .isEqualTo("INACTIVE");
        assertThat(row.findElement(By.cssSelector(".status-toggle")).getAttribute("aria-checked"))
                .isEqualTo("false");
        assertThat(row.getText())
                .contains("https://archive.acme.example/dms")
                .contains("API key")
                .contains("alice");
        assertThat(element("#page-info").isDisplayed())
                .as("the pager of a single page")
                .isFalse();
        assertThat(element("#add-integration").isDisplayed()).isTrue();
        assertThat(healthInList(acme)).isEqualTo("Healthy");
        assertThat(row(acme).findElement(By.cssSelector(".last-call")).getText())
                .endsWith(": Success (HTTP 200)");
        assertThat(healthInList(contoso)).isEqualTo("Failing");
        assertThat(row(contoso).findElement(By.cssSelector(".last-call")).getText())
                .endsWith(": Timed out");
        assertThat(healthInList(legacy)).isEqualTo("No recent calls");
        assertThat(row.findElement(By.cssSelector(".last-call")).getText()).isEqualTo("No provider call recorded");
        assertAccessible("list");
        screenshot("list.png");

        new Select(element("#status-filter")).selectByValue("INACTIVE");
        waitUntil(() -> names().equals(List.of("Legacy archive")));
        new Select(element("#status-filter")).selectByValue("");
        type("#name-search", "contoso");
        waitUntil(() -> names().equals(List.of("Contoso SharePoint bridge")));
        element("#name-search").clear();
        type("#name-search", " ");
        waitUntil(() -> names().size() >= 3);
    }

    @Test
    @Order(3)
    void an_oauth2_integration_is_added_shows_its_redirect_uri_and_is_then_switched_to_an_api_key() throws IOException {
        signInAs("alice", "alice-pw");
        open("#/");
        visible("#add-integration").click();
        visible("#integration-form");
        assertThat(element("#auth-type-oauth2").isSelected()).isTrue();
        assertOAuth2FieldsShown(true);

        element("#auth-type-apikey").click();
        assertOAuth2FieldsShown(false);
        element("#auth-type-oauth2").click();
        assertOAuth2FieldsShown(true);

        type("#field-name", "Northwind Drive");
        type("#field-baseApiUrl", "https://drive.northwind.example/webhooks/v1");
        type("#field-requestParameters", "access_type=offline");
        type("#field-authenticationUrl", "https://login.northwind.example/oauth2/authorize");
        type("#field-tokenEndpointUrl", "https://login.northwind.example/oauth2/token");
        type("#field-clientId", "registry");
        type("#field-clientSecret", CLIENT_SECRET);
        assertThat(element("#field-clientSecret").getAttribute("type")).isEqualTo("password");
        assertThat(element("#field-clientSecret").getAttribute("autocomplete")).isEqualTo("new-password");
        type("#field-scopes", "openid  files\\read");
        element("#save-integration").click();
        assertThat(visible("#error-scopes").getText()).startsWith("Scope 2 must be a scope token");
        assertThat(element("#field-scopes").getAttribute("aria-invalid")).isEqualTo("true");
        element("#field-scopes").clear();
        type("#field-scopes", " openid  files.read ");
        element("#save-integration").click();

        wait(10).until(ExpectedConditions.urlMatches("#/integrations/[0-9a-f-]{36}$"));
        String id = driver.getCurrentUrl().replaceAll(".*#/integrations/", "");
        assertThat(alice().integration(id).path("authentication").path("scopes"))
                .extracting(JsonNode::asText)
                .containsExactly("openid", "files.read");
        waitUntil(() -> element("#field-scopes").getDomProperty("value").equals("openid files.read"));
        waitUntil(() -> !element("#field-redirectUri").getDomProperty("value").isEmpty());
        assertThat(element("#field-redirectUri").getDomProperty("value"))
                .isEqualTo("https://registry.acme.example/oauth2/callback/" + id)
                .endsWith("/oauth2/callback/" + id);
        assertThat(element("#field-redirectUri").getAttribute("readonly")).isNotNull();
        assertThat(element("#copy-redirect-uri").isDisplayed()).isTrue();
        assertThat(element("#field-clientSecret").getDomProperty("value")).isEmpty();
        assertThat(element("#hint-clientSecret").getText()).contains("set (…7f3a)");
        assertThat(driver.getPageSource()).doesNotContain(CLIENT_SECRET);
        waitUntil(() -> element("#connection-state").getText().contains("Not connected"));
        assertThat(element("#connect-account").getText()).isEqualTo("Connect");
        assertThat(element("#disconnect-account").isDisplayed()).isFalse();
        screenshot("form.png");
        assertAccessible("saved OAuth2 integration");

        element("#copy-redirect-uri").click();
        waitUntil(() -> !element("#copy-result").getText().isEmpty());

        String page = driver.getWindowHandle();
        element("#connect-account").click();
        waitUntil(() -> driver.getWindowHandles().size() == 2);
        String provider = driver.getWindowHandles().stream()
                .filter(handle -> !handle.equals(page))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(provider);
        waitUntil(() -> driver.getCurrentUrl().startsWith("https://login.northwind.example/oauth2/authorize?"));
        assertThat(driver.getCurrentUrl())
                .contains("response_type=code")
                .contains("client_id=registry")
                .contains("scope=openid%20files.read")
                .contains("state=")
                .contains("code_challenge_method=S256")
                .doesNotContain(CLIENT_SECRET);
        driver.close();
        driver.switchTo().window(page);

        element("#auth-type-apikey").click();
        assertOAuth2FieldsShown(false);
        assertThat(element("#hint-apiKey").getText()).contains("Required");
        type("#field-apiKey", API_KEY);
        element("#save-integration").click();

        waitUntil(() -> element("#save-status").isDisplayed()
                && element("#save-status").getText().contains("Changes saved"));
        JsonNode saved = alice().integration(id);
        assertThat(saved.path("authentication").path("type").asText()).isEqualTo("API_KEY");
        assertThat(saved.path("authentication").path("apiKey").path("set").asBoolean())
                .isTrue();
        assertThat(saved.path("authentication").path("apiKey").path("last4").asText())
                .isEqualTo("k9x2");
        assertThat(element("#field-apiKey").getDomProperty("value")).isEmpty();
        assertThat(element("#hint-apiKey").getText()).contains("set (…k9x2)");
        assertThat(element("#connection").isDisplayed()).isFalse();
        assertThat(script("return window.localStorage.length")).isEqualTo(0L);
    }

    @Test
    @Order(4)
    void a_refused_save_shows_the_servers_message_next_to_the_field_and_moves_focus_there() {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        visible("#integration-form");
        type("#field-name", "Plain http " + shortId());
        type("#field-baseApiUrl", "http://insecure.acme.example/api");
        element("#auth-type-apikey").click();
        type("#field-apiKey", "a-provider-api-key-000000");
        element("#save-integration").click();

        WebElement error = visible("#error-baseApiUrl");
        assertThat(error.getText()).contains("must use https");
        WebElement baseApiUrl = element("#field-baseApiUrl");
        assertThat(baseApiUrl.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(baseApiUrl.getAttribute("aria-describedby")).contains("error-baseApiUrl");
        assertThat(activeElementId()).isEqualTo("field-baseApiUrl");
        assertThat(element("#error-name").isDisplayed()).isFalse();
        assertAccessible("add form with a refused field");

        baseApiUrl.clear();
        type("#field-baseApiUrl", "https://secure.acme.example/api");
        element("#field-name").clear();
        element("#save-integration").click();

        assertThat(visible("#error-name").getText()).contains("must not be blank");
        assertThat(element("#field-name").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(activeElementId()).isEqualTo("field-name");
        assertThat(element("#error-baseApiUrl").isDisplayed()).isFalse();
        assertThat(element("#field-baseApiUrl").getAttribute("aria-invalid")).isNull();

        type("#field-name", "acme dms");
        element("#save-integration").click();
        waitUntil(() -> element("#error-name").isDisplayed()
                && element("#error-name").getText().contains("unique"));
        assertThat(activeElementId()).isEqualTo("field-name");
        assertThat(driver.getCurrentUrl()).endsWith("#/integrations/new");
    }

    @Test
    @Order(5)
    void the_toggles_deactivate_and_activate_and_the_api_agrees() {
        RegistryClient alice = alice();
        String name = "Toggle " + shortId();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://toggle.acme.example/api", "toggle-key"));

        signInAs("alice", "alice-pw");
        open("#/");
        type("#name-search", name);
        waitUntil(() -> names().equals(List.of(name)));
        WebElement toggle = row(id).findElement(By.cssSelector(".status-toggle"));
        assertThat(toggle.getAttribute("role")).isEqualTo("switch");
        assertThat(toggle.getAttribute("aria-checked")).isEqualTo("true");

        toggle.click();
        // deactivating asks first
        visible("#deactivate-confirm").click();
        waitUntil(() -> statusInList(id).equals("INACTIVE"));
        assertThat(row(id).findElement(By.cssSelector(".status-toggle")).getAttribute("aria-checked"))
                .isEqualTo("false");
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("INACTIVE");

        row(id).findElement(By.cssSelector(".status-toggle")).click();
        waitUntil(() -> statusInList(id).equals("ACTIVE"));
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("ACTIVE");

        row(id).findElement(By.cssSelector(".integration-name")).click();
        WebElement formToggle = visible("#form-status-toggle");
        waitUntil(() -> "true".equals(formToggle.getAttribute("aria-checked")));
        formToggle.click();
        visible("#deactivate-confirm").click();
        waitUntil(() -> "false".equals(element("#form-status-toggle").getAttribute("aria-checked")));
        waitUntil(() -> alice.integration(id).path("status").asText().equals("INACTIVE"));
        element("#form-status-toggle").click();
        waitUntil(() -> "true".equals(element("#form-status-toggle").getAttribute("aria-checked")));
        assertThat(alice.integration(id).path("status").asText()).isEqualTo("ACTIVE");

        waitUntil(() ->
                alice.get("/api/audit?integrationId=" + id).json().path("items").size() == 5);
        JsonNode trail = alice.get("/api/audit?integrationId=" + id).json().path("items");
        trail.forEach(entry -> {
            if (!entry.path("type").asText().equals("ADDED")) {
                assertThat(entry.path("source").asText())
                        .as("channel of the page's changes")
                        .isEqualTo("ui");
            }
        });
    }

    @Test
    @Order(6)
    void a_stale_edit_shows_the_banner_and_reload_shows_the_other_users_values() {
        RegistryClient alice = alice();
        String name = "Shared " + shortId();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://shared.acme.example/api", "shared-key"));

        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name));

        RegistryClient bob = new RegistryClient(port, "bob", "bob-pw");
        String etag = bob.get("/api/integrations/" + id).etag();
        RegistryClient.Answer edited = bob.put("/api/integrations/" + id, """
                {"name": "%s by bob", "baseApiUrl": "https://bob.acme.example/api", "requestParameters": "team=bob",
                 "authentication": {"type": "API_KEY", "apiKey": "shared-key"}}""".formatted(name), etag);
        assertThat(edited.status()).isEqualTo(200);

        element("#field-requestParameters").clear();
        type("#field-requestParameters", "team=alice");
        element("#save-integration").click();

        WebElement banner = visible("#stale-edit");
        assertThat(banner.getText()).contains("Someone else changed this integration since you opened it.");
        assertAccessible("stale edit");
        element("#reload-integration").click();

        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name + " by bob"));
        assertThat(element("#field-baseApiUrl").getDomProperty("value")).isEqualTo("https://bob.acme.example/api");
        assertThat(element("#field-requestParameters").getDomProperty("value")).isEqualTo("team=bob");
        assertThat(element("#stale-edit").isDisplayed()).isFalse();

        type("#field-requestParameters", "&by=alice");
        element("#save-integration").click();
        waitUntil(() -> element("#save-status").getText().contains("Changes saved"));
        assertThat(alice.integration(id).path("requestParameters").asText()).isEqualTo("team=bob&by=alice");
    }

    @Test
    @Order(7)
    void the_history_lists_the_events_of_one_integration() {
        RegistryClient alice = alice();
        String name = "Chronicle " + shortId();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://chronicle.acme.example/api", "chronicle"));
        String etag = alice.get("/api/integrations/" + id).etag();
        assertThat(alice.put("/api/integrations/" + id, """
                {"name": "%s renamed", "baseApiUrl": "https://chronicle.acme.example/api",
                 "authentication": {"type": "API_KEY"}}""".formatted(name), etag)
                        .status())
                .isEqualTo(200);
        alice.post("/api/integrations/" + id + "/deactivate", null);
        alice.post("/api/integrations/" + id + "/activate", null);

        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        visible("#open-history").click();
        waitUntil(() -> driver.findElements(By.cssSelector("#history-list .history-entry"))
                        .size()
                == 4);

        List<WebElement> entries = driver.findElements(By.cssSelector("#history-list .history-entry"));
        // newest first, as the audit trail
        assertThat(entries.get(3).getText()).contains("Added").contains(name);
        assertThat(entries.get(2).getText()).contains("Edited").contains(name + " renamed");
        assertThat(entries.get(1).getText()).contains("Deactivated");
        assertThat(entries.get(0).getText()).contains("Activated");
        entries.forEach(entry -> assertThat(entry.getText()).contains("by alice"));
        assertThat(visible("#view h1").getText()).isEqualTo("History of " + name + " renamed");
        assertAccessible("history");
    }

    @Test
    @Order(8)
    void an_auditor_reads_the_list_and_the_audit_trail_but_sees_no_write_controls() throws IOException {
        signInAs("audrey", "audrey-pw");
        open("#/");
        waitUntil(() -> !driver.findElements(By.cssSelector("#integration-list [data-integration-id]"))
                .isEmpty());
        assertThat(driver.findElements(By.id("add-integration"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector(".status-toggle"))).isEmpty();

        WebElement first =
                driver.findElement(By.cssSelector("#integration-list [data-integration-id] .integration-name"));
        String name = first.getText();
        first.click();
        // the values are shown as text, not as inputs that cannot be changed
        waitUntil(
                () -> element("#details-list [data-field='name'] dd").getText().equals(name));
        assertThat(driver.findElements(By.id("integration-form"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#integration-details input, #integration-details textarea")))
                .isEmpty();
        assertThat(element("#details-list [data-field='authType'] dd").getText())
                .isIn("OAuth 2.0", "API key");
        assertThat(driver.findElements(By.id("save-integration"))).isEmpty();
        assertThat(driver.findElements(By.id("test-connection"))).isEmpty();
        assertThat(driver.findElements(By.id("form-status-toggle"))).isEmpty();
        assertThat(driver.findElements(By.id("connect-account"))).isEmpty();
        assertThat(element("#open-history").isDisplayed()).isTrue();
        assertAccessible("integration read by an auditor");

        visible("#nav-audit").click();
        waitUntil(() ->
                !driver.findElements(By.cssSelector("#audit-list .audit-entry")).isEmpty());
        assertThat(element("#audit-export-csv").isDisplayed()).isTrue();
        assertThat(element("#audit-export-ndjson").isDisplayed()).isTrue();
        assertAccessible("audit trail");

        new Select(element("#audit-type")).selectByValue("DEACTIVATED");
        element("#audit-apply").click();
        waitUntil(() -> {
            List<WebElement> shown = driver.findElements(By.cssSelector("#audit-list .audit-entry"));
            return !shown.isEmpty()
                    && shown.stream().allMatch(entry -> "DEACTIVATED".equals(entry.getAttribute("data-type")));
        });

        element("#audit-export-csv").click();
        waitUntil(() -> downloaded(".csv").isPresent());
        String csv = Files.readString(downloaded(".csv").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("eventId,integrationId,integrationName,company,type,actor,at");
        assertThat(csv.lines().skip(1).toList()).isNotEmpty().allMatch(line -> line.contains("\"DEACTIVATED\""));
        connectionTests.record(new ConnectionTestRecord(
                UUID.randomUUID().toString(),
                new CompanyId("acme"),
                Optional.empty(),
                "Northwind draft",
                new Actor("alice"),
                Instant.now(),
                "req-ui-test",
                "ui",
                List.of("https://login.northwind.example", "https://api.northwind.example"),
                "FAILED",
                "The token endpoint answered 401: the client secret was not accepted."));
        new Select(element("#audit-type")).selectByValue("TESTED");
        element("#audit-apply").click();
        waitUntil(() -> !driver.findElements(By.cssSelector("#audit-list .audit-entry[data-type='TESTED']"))
                .isEmpty());
        WebElement tested = element("#audit-list .audit-entry[data-type='TESTED']");
        assertThat(tested.getText())
                .contains("Connection tested")
                .contains("Northwind draft (not saved)")
                .contains("Failed")
                .contains("the client secret was not accepted")
                .contains("https://login.northwind.example")
                .contains("https://api.northwind.example");
    }

    @Test
    @Order(9)
    void the_list_and_the_form_fit_a_390_pixel_wide_screen() {
        signInAs("alice", "alice-pw");
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            open("#/");
            waitUntil(() -> !driver.findElements(By.cssSelector("#integration-list [data-integration-id]"))
                    .isEmpty());
            assertThat(((Number) script("return window.innerWidth")).intValue()).isLessThanOrEqualTo(400);
            assertNoHorizontalOverflow();

            assertAccessible("list at 390 px");

            open("#/integrations/new");
            visible("#integration-form");
            assertNoHorizontalOverflow();
            assertAccessible("add form at 390 px");
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }
    }

    @Test
    @Order(10)
    void the_list_pages_through_more_integrations_than_fit_on_one_page() {
        RegistryClient alice = alice();
        long total = alice.get("/api/integrations?size=1").json().path("total").asLong();
        for (long count = total; count <= 20; count++) {
            alice.add(RegistryClient.apiKeyBody("Paging " + shortId(), "https://paging.acme.example/api", "paging"));
        }

        signInAs("alice", "alice-pw");
        open("#/");
        waitUntil(() -> element("#page-info").getText().equals("Page 1 of 2"));
        assertThat(element("#page-previous").isEnabled()).isFalse();
        element("#page-next").click();
        waitUntil(() -> element("#page-info").getText().equals("Page 2 of 2"));
        assertThat(element("#page-next").isEnabled()).isFalse();
        element("#page-previous").click();
        waitUntil(() -> element("#page-info").getText().equals("Page 1 of 2"));
        assertAccessible("list with a pager");
        assertThat(driver.findElements(By.cssSelector("#integration-list [data-integration-id]")))
                .hasSize(20);
    }

    @Test
    @Order(11)
    void the_connection_test_shows_skipped_steps_apart_from_passed_and_failed_ones() {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        visible("#integration-form");
        type("#field-name", "Unreachable " + shortId());
        // A private address: the service refuses to call it, so the provider is not reached.
        type("#field-baseApiUrl", "https://10.0.0.7/api");
        element("#auth-type-apikey").click();
        type("#field-apiKey", TYPED_KEY);

        visible("#test-connection").click();
        waitUntil(() ->
                driver.findElements(By.cssSelector("#test-report .test-step")).size() == 4);

        assertThat(visible("#test-report .test-summary").getText()).isEqualTo("Connection test failed");
        WebElement failed = element("#test-report .test-step[data-step='reachable']");
        assertThat(failed.getAttribute("data-outcome")).isEqualTo("FAILED");
        List<WebElement> skipped = driver.findElements(By.cssSelector("#test-report .test-step.step-skipped"));
        assertThat(skipped)
                .extracting(step -> step.getAttribute("data-step"))
                .containsExactly("serviceInfo", "authenticated", "listedRoot");
        for (WebElement step : skipped) {
            assertThat(step.getAttribute("data-outcome")).isEqualTo("SKIPPED");
            assertThat(step.findElement(By.cssSelector(".step-outcome")).getText())
                    .isEqualToIgnoringCase("Skipped");
            assertThat(step.getCssValue("border-top-style")).isEqualTo("dashed");
            assertThat(step.findElement(By.cssSelector(".step-outcome")).getCssValue("background-color"))
                    .isNotEqualTo(
                            failed.findElement(By.cssSelector(".step-outcome")).getCssValue("background-color"));
        }
        assertThat(failed.getCssValue("border-top-style")).isEqualTo("solid");
        assertThat(element("#test-report .test-step[data-step='serviceInfo']").getText())
                .contains("Service information")
                .contains("the provider could not be reached");
        assertThat(driver.getPageSource()).doesNotContain(TYPED_KEY);
        assertAccessible("connection test report");
    }

    @Test
    @Order(12)
    void theListSortsByTheColumnWhoseHeaderIsClickedOrPressed() {
        RegistryClient alice = alice();
        String tag = "Sorting-" + shortId();
        alice.add(RegistryClient.apiKeyBody(tag + " charlie", "https://sorting.acme.example/api", "sorting"));
        String alpha =
                alice.add(RegistryClient.apiKeyBody(tag + " Alpha", "https://sorting.acme.example/api", "sorting"));
        alice.add(RegistryClient.apiKeyBody(tag + " bravo", "https://sorting.acme.example/api", "sorting"));
        alice.post("/api/integrations/" + alpha + "/deactivate", null);

        signInAs("alice", "alice-pw");
        open("#/?q=" + tag);
        waitUntil(() -> names().equals(List.of(tag + " Alpha", tag + " bravo", tag + " charlie")));
        assertThat(ariaSort("name")).isEqualTo("ascending");

        element("#sort-status").click();
        waitUntil(() -> names().equals(List.of(tag + " bravo", tag + " charlie", tag + " Alpha")));
        assertThat(ariaSort("status")).isEqualTo("ascending");
        assertThat(ariaSort("name")).as("aria-sort on the sorted column only").isNull();

        element("#sort-status").click();
        waitUntil(() -> names().equals(List.of(tag + " Alpha", tag + " charlie", tag + " bravo")));
        assertThat(ariaSort("status")).isEqualTo("descending");
        assertThat(driver.getCurrentUrl()).contains("sort=status").contains("direction=desc");

        // the header's button is reached and pressed from the keyboard
        script("document.getElementById('sort-updatedAt').focus()");
        element("#sort-updatedAt").sendKeys(Keys.ENTER);
        waitUntil(() -> names().equals(List.of(tag + " charlie", tag + " bravo", tag + " Alpha")));
        assertThat(ariaSort("updatedAt")).isEqualTo("ascending");
        assertThat(activeElementId()).isEqualTo("sort-updatedAt");
        assertAccessible("list sorted by last change");
    }

    @Test
    @Order(13)
    void theListShowsItsTotalAndNoPagerForASinglePage() {
        RegistryClient alice = alice();
        String tag = "Counted-" + shortId();
        for (String name : List.of("one", "two", "three")) {
            alice.add(RegistryClient.apiKeyBody(tag + " " + name, "https://counted.acme.example/api", "counted"));
        }

        signInAs("alice", "alice-pw");
        open("#/?q=" + tag);
        waitUntil(() -> element("#list-count").getText().equals("3 integrations"));
        assertThat(element("#page-info").isDisplayed()).isFalse();
        assertThat(element("#page-previous").isDisplayed()).isFalse();
        assertThat(element("#page-next").isDisplayed()).isFalse();

        element("#name-search").clear();
        type("#name-search", tag + " two");
        waitUntil(() -> element("#list-count").getText().equals("1 integration"));
        assertAccessible("list of one found integration");
    }

    @Test
    @Order(14)
    void hostNamesWrapAfterDotsAndSlashesAndTheSearchFindsAPartOfTheUrl() {
        String host = "sp-bridge-" + shortId();
        String name = "Bridge " + shortId();
        String id = alice().add(RegistryClient.apiKeyBody(
                name, "https://" + host + ".contoso.example/webhooks/v1", "bridge-provider-key"));

        signInAs("alice", "alice-pw");
        open("#/");
        assertThat(element("label[for='name-search']").getText()).isEqualTo("Search by name or URL");
        type("#name-search", host + ".CONTOSO");
        waitUntil(() -> names().equals(List.of(name)));

        WebElement url = row(id).findElement(By.cssSelector(".cell-url .url"));
        assertThat(driver.executeScript(
                        "return Array.from(arguments[0].childNodes)"
                                + ".map(node => node.nodeType === Node.TEXT_NODE ? node.data : node.nodeName)",
                        url))
                .isEqualTo(List.of(
                        "https:/",
                        "WBR",
                        "/",
                        "WBR",
                        host + ".",
                        "WBR",
                        "contoso.",
                        "WBR",
                        "example/",
                        "WBR",
                        "webhooks/",
                        "WBR",
                        "v1"));
        assertThat(url.getText()).isEqualTo("https://" + host + ".contoso.example/webhooks/v1");
        assertAccessible("list with long host names");
    }

    // ---------------------------------------------------------------- helpers

    private static String ariaSort(String column) {
        return element("#sort-" + column).findElement(By.xpath("..")).getAttribute("aria-sort");
    }

    private static String healthInList(String id) {
        return row(id).findElement(By.cssSelector(".health-badge")).getText();
    }

    private void observe(ProviderCallRecord call) {
        providerCallObservers.forEach(observer -> observer.observed(call));
    }

    private static ProviderCallRecord providerCall(
            String integration, Instant at, int providerStatus, ProviderCallOutcome outcome) {
        return new ProviderCallRecord(
                new IntegrationId(integration),
                new CompanyId("acme"),
                at,
                "dora",
                "files",
                providerStatus,
                outcome,
                outcome == ProviderCallOutcome.TIMEOUT ? 2000 : 140,
                outcome == ProviderCallOutcome.SUCCESS ? 1830 : -1,
                "req-" + shortId(),
                null);
    }

    private static void assertOAuth2FieldsShown(boolean oauth2) {
        Stream.of(
                        "#field-authenticationUrl",
                        "#field-tokenEndpointUrl",
                        "#field-clientId",
                        "#field-clientSecret",
                        "#field-scopes")
                .forEach(css -> assertThat(element(css).isDisplayed()).as(css).isEqualTo(oauth2));
        assertThat(element("#field-apiKey").isDisplayed()).as("#field-apiKey").isEqualTo(!oauth2);
        assertThat((Boolean) script("return document.getElementById('apikey-fields').hidden"))
                .isEqualTo(oauth2);
        assertThat((Boolean) script("return document.getElementById('oauth2-fields').hidden"))
                .isEqualTo(!oauth2);
    }
}
