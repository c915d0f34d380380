package io.integrationregistry.bootstrap.ui;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The add/edit form's flows in a real browser: what the user sees while and after saving, every
 * problem named before anything is sent, the question before unsaved changes are left behind, and
 * what happens when someone else saved the integration meanwhile.
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
            "registry.security.users.bob.roles=INTEGRATION_ADMIN",
            "registry.public-url=https://registry.acme.example"
        })
class FormFlowsBrowserTest extends BrowserTestBase {

    /** Holds the page's saves (PUT and POST) until the test lets them go, or fails them as if offline. */
    private static final String HOLD_SAVES = """
            window.heldSaves = [];
            window.sentSaves = 0;
            const send = window.fetch.bind(window);
            window.fetch = (input, init) => {
                if (!init || (init.method !== 'PUT' && init.method !== 'POST') || String(input).includes('/test')) {
                    return send(input, init);
                }
                window.sentSaves++;
                return new Promise((resolve, reject) => window.heldSaves.push({
                    go: () => send(input, init).then(resolve, reject),
                    fail: () => reject(new Error('offline'))
                }));
            };""";

    @BeforeEach
    void desktopWindow() {
        driver.manage().window().setSize(DESKTOP);
    }

    // ---------------------------------------------------------------- feedback where the user looks

    @Test
    void savingAtTheBottomOfALongFormLocksTheFieldsAndSaysTheOutcomeInView() {
        String id = alice().add(RegistryClient.oauth2Body("Long form " + shortId(), "long-form-client-secret-00"));
        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        visible("#integration-form");
        assertThat(((Number) script("return document.documentElement.scrollHeight")).intValue())
                .as("the form is taller than the window")
                .isGreaterThan(((Number) script("return window.innerHeight")).intValue());
        script(HOLD_SAVES);

        element("#field-requestParameters").clear();
        type("#field-requestParameters", "access_type=online");
        script("document.getElementById('save-integration').scrollIntoView({block: 'end'})");
        element("#save-integration").click();

        waitUntil(() -> ((Number) script("return window.heldSaves.length")).intValue() == 1);
        WebElement save = element("#save-integration");
        assertThat(save.getText()).isEqualTo("Saving…");
        assertThat(save.getAttribute("aria-busy")).isEqualTo("true");
        assertThat(element("#field-name").getAttribute("readonly")).isNotNull();
        assertThat(element("#field-clientId").getAttribute("readonly")).isNotNull();
        assertThat(element("#auth-type-apikey").isEnabled()).isFalse();
        assertAccessible("saving");

        script("window.heldSaves.shift().fail()");
        waitUntil(() -> element("#save-status").getText().contains("not saved"));
        assertThat(element("#save-integration").getText()).isEqualTo("Save changes");
        assertThat(element("#field-name").getAttribute("readonly"))
                .as("fields unlocked after a failure")
                .isNull();
        assertThat(element("#auth-type-apikey").isEnabled()).isTrue();

        script("document.getElementById('save-integration').scrollIntoView({block: 'end'})");
        element("#save-integration").click();
        waitUntil(() -> ((Number) script("return window.heldSaves.length")).intValue() == 1);
        script("window.heldSaves.shift().go()");

        waitUntil(() -> element("#save-status").getText().equals("Changes saved."));
        assertThat(element("#save-status").getAttribute("role")).isEqualTo("status");
        assertInViewport("#save-status");
        assertThat(element("#save-integration").getAttribute("aria-busy")).isNull();
        assertThat(element("#field-name").getAttribute("readonly")).isNull();
        assertThat(alice().integration(id).path("requestParameters").asText()).isEqualTo("access_type=online");
        assertAccessible("saved");
    }

    // ---------------------------------------------------------------- errors in one round

    @Test
    void everyBrokenFieldIsNamedAtOnceBeforeSendingAndEachErrorClearsWhenCorrected() {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        visible("#integration-form");
        script(HOLD_SAVES);
        type("#field-baseApiUrl", "http://docs.acme.example/api");
        type("#field-authenticationUrl", "https://login.acme .example/authorize");
        element("#save-integration").click();

        List<String> shown =
                List.of("name", "baseApiUrl", "authenticationUrl", "tokenEndpointUrl", "clientId", "clientSecret");
        shown.forEach(key -> {
            assertThat(visible("#error-" + key).getText()).as(key).isNotBlank();
            assertThat(element("#field-" + key).getAttribute("aria-invalid"))
                    .as(key)
                    .isEqualTo("true");
        });
        assertThat(element("#error-baseApiUrl").getText()).contains("must use https");
        assertThat(element("#error-authenticationUrl").getText())
                .contains("contains a character that is not allowed in a URL, such as a space");
        assertThat(element("#error-clientSecret").getText()).contains("required");
        assertThat(driver.findElements(By.cssSelector("#form-message .error-summary li")))
                .hasSize(shown.size());
        assertThat(activeElementId()).isEqualTo("field-name");
        assertThat(script("return window.sentSaves")).as("nothing sent").isEqualTo(0L);
        assertAccessible("errors shown");

        type("#field-name", "Checked " + shortId());
        assertThat(element("#error-name").isDisplayed())
                .as("corrected on input")
                .isFalse();
        assertThat(element("#field-name").getAttribute("aria-invalid")).isNull();
        assertThat(element("#error-baseApiUrl").isDisplayed())
                .as("another field's error stays")
                .isTrue();
        assertThat(driver.findElements(By.cssSelector("#form-message .error-summary li")))
                .hasSize(shown.size() - 1);

        driver.findElement(By.cssSelector("#form-message .error-summary a")).sendKeys(Keys.ENTER);
        assertThat(activeElementId())
                .as("the summary's link leads to its field")
                .isEqualTo("field-baseApiUrl");

        element("#nav-integrations").click();
        visible("#leave-confirm").click();
        visible("#integration-list");
    }

    @Test
    void switchingAnOAuth2IntegrationToAnApiKeyAsksForTheKeyBeforeSending() {
        String id = alice().add(RegistryClient.oauth2Body("Switch " + shortId(), "switch-client-secret-0000"));
        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        visible("#integration-form");
        script(HOLD_SAVES);
        element("#auth-type-apikey").click();
        element("#save-integration").click();

        assertThat(visible("#error-apiKey").getText()).contains("API key is required when you switch");
        assertThat(activeElementId()).isEqualTo("field-apiKey");
        assertThat(script("return window.sentSaves")).isEqualTo(0L);
        type("#field-apiKey", "switched-provider-key-0000");
        assertThat(element("#error-apiKey").isDisplayed()).isFalse();

        element("#save-integration").click();
        waitUntil(() -> ((Number) script("return window.heldSaves.length")).intValue() == 1);
        script("window.heldSaves.shift().go()");
        waitUntil(() -> element("#save-status").getText().equals("Changes saved."));
        assertThat(alice().integration(id).path("authentication").path("type").asText())
                .isEqualTo("API_KEY");
    }

    @Test
    void aUrlParsersMessageFromTheServiceReadsAsASentenceNextToItsField() {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        visible("#integration-form");
        // an answer as an older service gave it, quoting java.net.URI's reason
        script("""
                window.fetch = () => Promise.resolve(new Response(JSON.stringify({
                    type: '/problems/invalid-request', title: 'Invalid request', status: 400,
                    errors: [{field: 'baseApiUrl', rule: 'must be a well-formed absolute URL',
                        message: 'baseApiUrl must be a well-formed absolute URL (Illegal character in authority at index 8)'}]
                }), {status: 400, headers: {'Content-Type': 'application/problem+json'}}));""");
        type("#field-name", "Parsed " + shortId());
        type("#field-baseApiUrl", "https://docs.acme.example/api");
        element("#auth-type-apikey").click();
        type("#field-apiKey", "parsed-provider-key-0000");
        element("#save-integration").click();

        assertThat(visible("#error-baseApiUrl").getText())
                .isEqualTo("Base API URL must be a well-formed absolute URL. The address contains a character that"
                        + " is not allowed in a URL, such as a space.")
                .doesNotContain("Illegal")
                .doesNotContain("index");
        assertThat(activeElementId()).isEqualTo("field-baseApiUrl");

        element("#nav-integrations").click();
        visible("#leave-confirm").click();
        waitUntil(() -> driver.getCurrentUrl().endsWith("#/"));
    }

    // ---------------------------------------------------------------- unsaved changes

    @Test
    void leavingWithUnsavedChangesAsksInADialogAndStayingKeepsThem() {
        String name = "Guarded " + shortId();
        String id = alice().add(RegistryClient.apiKeyBody(name, "https://guarded.acme.example/api", "guarded-key"));
        signInAs("alice", "alice-pw");
        open("#/");
        driver.get(base() + "/#/integrations/" + id);
        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name));
        assertThat(beforeUnloadIsPrevented()).as("nothing changed yet").isFalse();
        type("#field-name", " edited");
        assertThat(beforeUnloadIsPrevented()).as("reload or close asks").isTrue();

        element("#nav-integrations").click();
        WebElement dialog = visible("#leave-dialog");
        assertThat(dialog.getAttribute("open")).isNotNull();
        assertThat(activeElementId()).isEqualTo("leave-stay");
        assertAccessible("leave dialog open");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        waitUntil(() -> !element("#leave-dialog").isDisplayed());
        assertThat(activeElementId()).as("focus back where it was").isEqualTo("nav-integrations");
        assertThat(driver.getCurrentUrl()).endsWith("#/integrations/" + id);
        assertThat(element("#field-name").getDomProperty("value")).isEqualTo(name + " edited");

        driver.navigate().back();
        visible("#leave-dialog");
        element("#leave-stay").click();
        waitUntil(() -> driver.getCurrentUrl().endsWith("#/integrations/" + id));
        assertThat(element("#field-name").getDomProperty("value")).isEqualTo(name + " edited");

        element("#sign-out").click();
        visible("#leave-dialog");
        element("#leave-stay").click();
        assertThat(element("#current-user").isDisplayed()).as("still signed in").isTrue();

        WebElement breadcrumb = element(".breadcrumb a");
        breadcrumb.sendKeys(Keys.ENTER);
        visible("#leave-dialog");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(activeElementId()).isEqualTo("leave-confirm");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        visible("#integration-list");
        assertThat(driver.getCurrentUrl()).endsWith("#/");
        assertThat(alice().integration(id).path("name").asText()).isEqualTo(name);
    }

    @Test
    void afterASuccessfulSaveLeavingAsksNothing() {
        String name = "Saved " + shortId();
        String id = alice().add(RegistryClient.apiKeyBody(name, "https://saved.acme.example/api", "saved-key"));
        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name));
        type("#field-name", " renamed");
        element("#save-integration").click();
        waitUntil(() -> element("#save-status").getText().equals("Changes saved."));

        assertThat(beforeUnloadIsPrevented()).isFalse();
        element("#nav-integrations").click();
        visible("#integration-list");
        assertThat(driver.findElements(By.cssSelector("#leave-dialog[open]"))).isEmpty();
    }

    // ---------------------------------------------------------------- edit conflicts

    @Test
    void aStaleSaveListsWhoChangedWhatAndAppliesMyChangesOnTopOfTheNewVersion() throws IOException {
        String name = "Contested " + shortId();
        String id = alice().add(RegistryClient.apiKeyBody(name, "https://contested.acme.example/api", "contested-key"));
        signInAs("alice", "alice-pw");
        open("#/integrations/" + id);
        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name));

        RegistryClient bob = new RegistryClient(port, "bob", "bob-pw");
        assertThat(bob.put(
                                "/api/integrations/" + id,
                                """
                        {"name": "%s by bob", "baseApiUrl": "https://contested.acme.example/api",
                         "requestParameters": "team=bob", "authentication": {"type": "API_KEY"}}""".formatted(name),
                                bob.get("/api/integrations/" + id).etag())
                        .status())
                .isEqualTo(200);

        type("#field-requestParameters", "team=alice");
        element("#save-integration").click();

        WebElement banner = visible("#stale-edit");
        waitUntil(() ->
                !driver.findElements(By.cssSelector("#stale-changes-list li")).isEmpty());
        String listed = element("#stale-changes-list").getText();
        assertThat(listed)
                .contains("bob")
                .contains("Name")
                .contains(name + " by bob")
                .contains("team=bob");
        assertThat(banner.getText()).contains("Someone else changed this integration since you opened it.");
        assertThat(activeElementId()).isEqualTo("apply-my-changes");
        assertAccessible("conflict shown");
        screenshot("conflict.png");

        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitUntil(() -> element("#field-name").getDomProperty("value").equals(name + " by bob"));
        assertThat(element("#field-requestParameters").getDomProperty("value")).isEqualTo("team=alice");
        assertThat(visible("#conflict-requestParameters").getText()).contains("team=bob");
        assertThat(element("#field-requestParameters").getAttribute("aria-describedby"))
                .contains("conflict-requestParameters");
        assertThat(driver.findElements(By.id("conflict-name")))
                .as("only bob changed the name")
                .isEmpty();
        assertThat(element("#stale-edit").isDisplayed()).isFalse();
        assertThat(activeElementId()).isEqualTo("field-requestParameters");
        assertAccessible("my changes applied to the new version");

        element("#save-integration").click();
        waitUntil(() -> element("#save-status").getText().equals("Changes saved."));
        assertThat(alice().integration(id).path("name").asText()).isEqualTo(name + " by bob");
        assertThat(alice().integration(id).path("requestParameters").asText()).isEqualTo("team=alice");
        assertThat(driver.findElements(By.id("conflict-requestParameters"))).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static boolean beforeUnloadIsPrevented() {
        return (Boolean) script("""
                const event = new Event('beforeunload', {cancelable: true});
                window.dispatchEvent(event);
                return event.defaultPrevented;""");
    }

    private static void assertInViewport(String css) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) script("const r = document.querySelector('" + css
                + "').getBoundingClientRect(); return [r.top, r.bottom, r.height, window.innerHeight];");
        assertThat(box.get(2).doubleValue()).as("height of %s", css).isPositive();
        assertThat(box.get(0).doubleValue()).as("top of %s", css).isGreaterThanOrEqualTo(0);
        assertThat(box.get(1).doubleValue())
                .as("bottom of %s", css)
                .isLessThanOrEqualTo(box.get(3).doubleValue());
    }
}
