package io.integrationregistry.bootstrap.ui;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The integration page of readers who may not change it (an auditor, a document user): the values as
 * text, and the integration as of one of its versions or an instant beside the differences from now.
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
            "registry.public-url=https://registry.acme.example"
        })
class AuditorViewBrowserTest extends BrowserTestBase {

    private static final String CLIENT_SECRET = "auditor-view-client-secret-5d1e";
    private static final String API_KEY = "auditor-view-api-key-0123456789";
    private static final String ROTATED_KEY = "auditor-view-api-key-rotated-9876";

    @Test
    void anAuditorReadsTheValuesAsTextWithTheAuthTypeInWordsAndNoHintsNorWriteControls() {
        String name = "Ledger " + shortId();
        String id = alice().add(oauth2WithScopes(name));

        signInAs("audrey", "audrey-pw");
        open("#/integrations/" + id);
        WebElement details = visible("#details-list");
        assertThat(value("name")).isEqualTo(name);
        assertThat(value("baseApiUrl")).isEqualTo("https://docs.acme.example/api/v1");
        assertThat(value("status")).isEqualTo("Active");
        assertThat(value("authType")).isEqualTo("OAuth 2.0");
        assertThat(value("clientId")).isEqualTo("registry-client");
        assertThat(value("clientSecret")).isEqualTo("set");
        assertThat(value("authenticationUrl")).isEqualTo("https://auth.acme.example/authorize");
        assertThat(value("tokenEndpointUrl")).isEqualTo("https://auth.acme.example/token");
        assertThat(value("scopes")).isEqualTo("openid files.read");
        assertThat(value("redirectUri")).isEqualTo("https://registry.acme.example/oauth2/callback/" + id);
        assertThat(value("requestParameters")).isEqualTo("access_type=offline");
        assertThat(value("created")).endsWith("by alice");
        assertThat(value("changed")).endsWith("by alice");
        assertThat(value("version")).isEqualTo("0");
        assertThat(driver.findElements(By.cssSelector("#details-list [data-field='apiKey']")))
                .as("the API key row of an OAuth2 integration")
                .isEmpty();
        assertThat(details.getText()).doesNotContain("5d1e");
        assertThat(driver.getPageSource()).doesNotContain(CLIENT_SECRET);

        assertThat(driver.findElements(By.cssSelector("#view input:not(#as-of-instant), #view textarea")))
                .as("inputs outside the as-of control")
                .isEmpty();
        assertThat(driver.findElements(By.cssSelector("#view .help, #integration-details .hint")))
                .isEmpty();
        Stream.of(
                        "integration-form",
                        "save-integration",
                        "test-connection",
                        "form-status-toggle",
                        "connect-account",
                        "edit-integration",
                        "copy-redirect-uri")
                .forEach(absent -> assertThat(driver.findElements(By.id(absent)))
                        .as(absent)
                        .isEmpty());
        assertThat(element("#open-history").isDisplayed()).isTrue();
        visible("#provider-calls-outcome");
        visible("#as-of-version");
        assertAccessible("integration read by an auditor");
    }

    @Test
    void asOfAVersionChosenByKeyboardShowsThePastValuesAndTheDifferencesFromNow() throws IOException {
        String name = "Archive " + shortId();
        RegistryClient alice = alice();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://archive.acme.example/v1", API_KEY));
        edit(alice, id, name + " moved", "https://archive.acme.example/v2", ", \"apiKey\": \"" + ROTATED_KEY + "\"");
        assertThat(alice.post("/api/integrations/" + id + "/deactivate", null).status())
                .isEqualTo(200);

        signInAs("audrey", "audrey-pw");
        open("#/integrations/" + id);
        WebElement select = visible("#as-of-version");
        assertThat(select.getDomProperty("value")).isEqualTo("2");
        // newest first: two steps down is the first version
        script("document.getElementById('as-of-version').focus()");
        select.sendKeys(Keys.ARROW_DOWN);
        select.sendKeys(Keys.ARROW_DOWN);
        assertThat(select.getDomProperty("value")).isEqualTo("0");
        select.sendKeys(Keys.TAB);
        assertThat(activeElementId()).isEqualTo("as-of-version-show");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);

        WebElement title = visible("#as-of-title");
        assertThat(title.getText()).startsWith("As of version 0 (").endsWith(" by alice)");
        assertThat(activeElementId()).isEqualTo("as-of-title");
        assertThat(driver.getCurrentUrl()).endsWith("#/integrations/" + id + "?version=0");
        assertThat(element("#as-of-details").getText())
                .contains(name)
                .contains("https://archive.acme.example/v1")
                .contains("API key");
        assertThat(element("#as-of-details [data-field='created'] dd").getText())
                .endsWith("by alice");
        assertThat(differingFields()).containsExactly("name", "baseApiUrl", "status", "apiKey");
        assertThat(element("#as-of-differences tr[data-field='apiKey']").getText())
                .contains("replaced (the values are never shown)");
        assertThat(driver.getPageSource()).doesNotContain(API_KEY).doesNotContain(ROTATED_KEY);
        WebElement nameRow = element("#as-of-differences tr[data-field='name']");
        assertThat(nameRow.findElement(By.cssSelector(".diff-before")).getText())
                .isEqualTo(name);
        assertThat(nameRow.findElement(By.cssSelector(".diff-after")).getText()).isEqualTo(name + " moved");
        assertThat(element("#as-of-differences tr[data-field='status'] .diff-after")
                        .getText())
                .isEqualTo("Inactive");
        assertAccessible("as of version 0 with its differences");
        screenshot("as-of.png");
        try {
            driver.manage().window().setSize(new Dimension(390, 844));
            assertNoHorizontalOverflow();
        } finally {
            driver.manage().window().setSize(DESKTOP);
        }

        select.sendKeys(Keys.ARROW_UP);
        select.sendKeys(Keys.ARROW_UP);
        assertThat(select.getDomProperty("value")).isEqualTo("2");
        element("#as-of-version-show").sendKeys(Keys.ENTER);
        waitUntil(() -> element("#as-of-title").getText().startsWith("As of version 2 ("));
        assertThat(visible("#as-of-no-differences").getText()).startsWith("No differences");
        assertThat(driver.findElements(By.id("as-of-differences"))).isEmpty();
        assertAccessible("as of the current version: no differences");
    }

    @Test
    void asOfAnInstantTypedInLocalTimeShowsTheStateThenAndAnInstantBeforeCreationIsExplained() {
        String name = "Timeline " + shortId();
        RegistryClient alice = alice();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://timeline.acme.example/v1", API_KEY));
        Instant created = Instant.parse(alice.integration(id).path("createdAt").asText());
        // the page reads whole seconds: the edit comes after the first whole second after the add
        Instant between = created.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        await().atMost(Duration.ofSeconds(3)).until(() -> Instant.now().isAfter(between.plusMillis(50)));
        rename(alice, id, name + " later", "https://timeline.acme.example/v1");

        signInAs("audrey", "audrey-pw");
        open("#/integrations/" + id);
        typeInstant(between);
        element("#as-of-instant").sendKeys(Keys.ENTER);

        WebElement title = visible("#as-of-title");
        assertThat(title.getText()).startsWith("As of ").contains(": version 0 (");
        String shared = driver.getCurrentUrl().replaceAll(".*\\?asOf=", "");
        assertThat(Instant.parse(URLDecoder.decode(shared, StandardCharsets.UTF_8)))
                .isEqualTo(between);
        assertThat(element("#as-of-details [data-field='name'] dd").getText()).isEqualTo(name);
        assertThat(differingFields()).containsExactly("name");
        assertAccessible("as of an instant");

        typeInstant(created.minus(400, ChronoUnit.DAYS));
        element("#as-of-instant-show").click();
        WebElement error = visible("#as-of-error");
        assertThat(error.getText())
                .startsWith("The integration did not exist yet on")
                .contains("The service said:");
        assertThat(element("#view-heading").getText()).isEqualTo(name + " later");
        assertAccessible("as of an instant before the integration existed");
    }

    @Test
    void aDeepLinkOrAHistoryLinkOpensThePastStateDirectlyForAuditorsAndAdministrators() {
        String name = "Shared " + shortId();
        RegistryClient alice = alice();
        String id = alice.add(RegistryClient.apiKeyBody(name, "https://shared.acme.example/v1", API_KEY));
        rename(alice, id, name + " renamed", "https://shared.acme.example/v1");
        // the read model keeps milliseconds; the event's own instant may be a little later within that one
        String asOf = Instant.parse(alice.integration(id).path("createdAt").asText())
                .plusMillis(1)
                .toString();

        signInAs("audrey", "audrey-pw");
        open("#/integrations/" + id + "?asOf=" + encode(asOf));
        waitUntil(() -> !driver.findElements(By.cssSelector("#as-of-title, #as-of-error"))
                .isEmpty());
        assertThat(element("#as-of-result").getText()).contains(": version 0 (");
        assertThat(differingFields()).containsExactly("name");
        assertAccessible("deep link as of an instant");

        open("#/integrations/" + id + "/history");
        waitUntil(() -> driver.findElements(By.cssSelector("#history-list .history-view-as-of a"))
                        .size()
                == 2);
        element("#history-list .history-view-as-of a[data-version='1']").click();
        waitUntil(() -> element("#as-of-title").getText().startsWith("As of version 1 ("));
        assertThat(driver.getCurrentUrl()).endsWith("#/integrations/" + id + "?version=1");
        assertThat(visible("#as-of-no-differences").getText()).startsWith("No differences");

        signInAs("alice", "alice-pw");
        open("#/integrations/" + id + "?version=0");
        waitUntil(() -> element("#as-of-title").getText().startsWith("As of version 0 ("));
        assertThat(driver.findElements(By.id("integration-form"))).isEmpty();
        assertThat(element("#edit-integration").getAttribute("href")).endsWith("#/integrations/" + id);
        assertAccessible("an administrator's deep link to version 0");
        element("#edit-integration").click();
        visible("#integration-form");
    }

    @Test
    void anInvalidVersionShowsTheServicesProblemReadablyInsteadOfFailing() {
        String name = "Short-lived " + shortId();
        String id = alice().add(RegistryClient.apiKeyBody(name, "https://short.acme.example/v1", API_KEY));

        signInAs("audrey", "audrey-pw");
        open("#/integrations/" + id + "?version=7");
        WebElement error = visible("#as-of-error");
        assertThat(error.getText())
                .startsWith("There is no version 7 of this integration")
                .contains("The service said:");
        assertThat(element("#view-heading").getText()).isEqualTo(name);
        assertThat(value("name")).isEqualTo(name);
        assertAccessible("a version beyond the latest");

        open("#/integrations/" + id + "?version=seven");
        assertThat(visible("#as-of-error").getText())
                .contains("The service said:")
                .contains("version")
                .contains("whole number");
        assertAccessible("a version that is not a number");
    }

    @Test
    void aDocumentUserReadsTheSameValuesAsTextAndStillConnectsTheirAccount() {
        String name = "Team drive " + shortId();
        String id = alice().add(oauth2WithScopes(name));

        signInAs("dora", "dora-pw");
        open("#/integrations/" + id);
        visible("#details-list");
        assertThat(value("authType")).isEqualTo("OAuth 2.0");
        assertThat(value("clientSecret")).isEqualTo("set");
        assertThat(value("scopes")).isEqualTo("openid files.read");
        assertThat(driver.findElements(By.cssSelector("#view input, #view textarea, #view .help")))
                .isEmpty();
        assertThat(driver.findElements(By.id("as-of-denied"))).isEmpty();
        Stream.of("as-of", "open-history", "save-integration", "test-connection")
                .forEach(absent -> assertThat(driver.findElements(By.id(absent)))
                        .as(absent)
                        .isEmpty());
        visible("#provider-calls-denied");
        waitUntil(() -> element("#connection-state").getText().contains("Not connected"));
        assertAccessible("integration read by a document user");

        String page = driver.getWindowHandle();
        element("#connect-account").click();
        waitUntil(() -> driver.getWindowHandles().size() == 2);
        String provider = driver.getWindowHandles().stream()
                .filter(handle -> !handle.equals(page))
                .findFirst()
                .orElseThrow();
        driver.switchTo().window(provider);
        waitUntil(() -> driver.getCurrentUrl().startsWith("https://auth.acme.example/authorize?"));
        assertThat(driver.getCurrentUrl()).contains("client_id=registry-client").doesNotContain(CLIENT_SECRET);
        driver.close();
        driver.switchTo().window(page);

        open("#/integrations/" + id + "?version=0");
        assertThat(visible("#as-of-denied").getText()).startsWith("Only administrators and auditors");
        assertThat(value("name")).isEqualTo(name);
        assertAccessible("a past state asked for by a document user");
    }

    // ---------------------------------------------------------------- helpers

    private static String oauth2WithScopes(String name) {
        return RegistryClient.oauth2Body(name, CLIENT_SECRET)
                .replace("\"clientSecret\"", "\"scopes\": [\"openid\", \"files.read\"], \"clientSecret\"");
    }

    private static void rename(RegistryClient client, String id, String name, String baseApiUrl) {
        edit(client, id, name, baseApiUrl, "");
    }

    /** Changes name and base URL and, unless {@code apiKeyField} is empty, sets a new API key. */
    private static void edit(RegistryClient client, String id, String name, String baseApiUrl, String apiKeyField) {
        String etag = client.get("/api/integrations/" + id).etag();
        assertThat(client.put("/api/integrations/" + id, """
                {"name": "%s", "baseApiUrl": "%s", "authentication": {"type": "API_KEY"%s}}""".formatted(name, baseApiUrl, apiKeyField), etag)
                        .status())
                .isEqualTo(200);
    }

    /** The text shown for one field of the integration's current values. */
    private static String value(String field) {
        return element("#details-list [data-field='" + field + "'] dd").getText();
    }

    private static List<String> differingFields() {
        return driver.findElements(By.cssSelector("#as-of-differences tbody tr")).stream()
                .map(row -> row.getAttribute("data-field"))
                .toList();
    }

    /** Puts an instant into the datetime-local input as the browser's local time, to the second. */
    private static void typeInstant(Instant instant) {
        script("""
                const date = new Date('%s');
                const two = n => String(n).padStart(2, '0');
                const input = document.getElementById('as-of-instant');
                input.value = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T`
                    + `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
                input.dispatchEvent(new Event('input', {bubbles: true}));
                input.focus();""".formatted(instant));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
