package io.integrationregistry.bootstrap.ui;

import io.integrationregistry.bootstrap.RegistryApplication;
import org.bson.Document;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The add form shows a new OAuth2 integration's redirect URI before its first save, as soon as OAuth2 is
 * chosen (providers ask for it before they issue a client id and secret), and the saved integration keeps
 * exactly that URI. A company's open reservations are bounded low here, so that one can be refused.
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.security.users.gus.password={noop}gus-pw",
            "registry.security.users.gus.company=globex",
            "registry.security.users.gus.roles=INTEGRATION_ADMIN",
            "registry.public-url=https://registry.acme.example",
            "registry.integrations.max-open-reservations=2"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedirectUriBrowserTest extends BrowserTestBase {

    private static final String RESERVATIONS = "integration_id_reservations";
    private static final String URI_PATTERN = "https://registry\\.acme\\.example/oauth2/callback/[0-9a-f-]{36}";

    @Autowired
    MongoTemplate mongo;

    @Test
    @Order(1)
    void theRedirectUriIsShownBeforeTheFirstSaveAndTheSavedIntegrationHasIt() throws IOException {
        signInAs("alice", "alice-pw");
        open("#/integrations/new");
        assertThat(element("#auth-type-oauth2").isSelected()).isTrue();

        waitUntil(() -> element("#group-redirectUri").isDisplayed());
        String shown = element("#field-redirectUri").getDomProperty("value");
        assertThat(shown).matches(URI_PATTERN);
        String reservedId = shown.substring(shown.lastIndexOf('/') + 1);
        assertThat(alice().get("/api/integrations/" + reservedId).status())
                .as("nothing saved yet")
                .isEqualTo(404);
        assertThat(element("#field-redirectUri").getAttribute("readonly")).isNotNull();
        assertThat(element("#hint-redirectUri").getText()).contains("Register this address at the provider");
        assertThat(element("#redirect-pending").isDisplayed()).isFalse();
        assertAccessible("add form with the redirect URI reserved for it");
        screenshot("add.png");

        // by keyboard: the Copy button takes focus and Enter copies
        driver.executeCdpCommand(
                "Browser.grantPermissions",
                Map.of("permissions", java.util.List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        element("#copy-redirect-uri").sendKeys(Keys.ENTER);
        waitUntil(() -> element("#copy-result").getText().equals("Copied."));
        assertThat(driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, failure => done('unread: ' + failure));"))
                .isEqualTo(shown);

        // API key, then OAuth2 again: the same reservation, no other
        element("#auth-type-apikey").click();
        assertThat(element("#group-redirectUri").isDisplayed()).isFalse();
        element("#auth-type-oauth2").click();
        waitUntil(() -> element("#group-redirectUri").isDisplayed());
        assertThat(element("#field-redirectUri").getDomProperty("value")).isEqualTo(shown);
        assertThat(reservationsOf("acme")).isEqualTo(1);

        type("#field-name", "Fabrikam Files " + shortId());
        type("#field-baseApiUrl", "https://files.fabrikam.example/webhooks/v1");
        type("#field-authenticationUrl", "https://login.fabrikam.example/oauth2/authorize");
        type("#field-tokenEndpointUrl", "https://login.fabrikam.example/oauth2/token");
        type("#field-clientId", "registry");
        type("#field-clientSecret", "fabrikam-client-secret-0123456789");
        element("#save-integration").click();

        wait(10).until(ExpectedConditions.urlMatches("#/integrations/" + reservedId + "$"));
        waitUntil(() -> element("#field-redirectUri").getDomProperty("value").equals(shown));
        assertThat(alice().integration(reservedId)
                        .path("authentication")
                        .path("redirectUri")
                        .asText())
                .isEqualTo(shown);
        assertThat(reservationsOf("acme")).as("the reservation is used up").isZero();
    }

    @Test
    @Order(2)
    void aFailedReservationIsExplainedAndTheIntegrationIsStillAdded() {
        RegistryClient gus = new RegistryClient(port, "gus", "gus-pw");
        // globex holds as many open reservations as it may: the form's own is refused
        assertThat(gus.post("/api/integrations/reservations", null).status()).isEqualTo(201);
        assertThat(gus.post("/api/integrations/reservations", null).status()).isEqualTo(201);
        signInAs("gus", "gus-pw");
        open("#/integrations/new");

        assertThat(visible("#reservation-error").getText())
                .startsWith("The redirect URI could not be reserved yet:")
                .contains("You can still add the integration");
        assertThat(element("#redirect-pending").isDisplayed()).isTrue();
        assertThat(element("#group-redirectUri").isDisplayed()).isFalse();
        assertAccessible("add form whose redirect URI could not be reserved");

        type("#field-name", "Globex Drive " + shortId());
        type("#field-baseApiUrl", "https://drive.globex.example/webhooks/v1");
        type("#field-authenticationUrl", "https://login.globex.example/oauth2/authorize");
        type("#field-tokenEndpointUrl", "https://login.globex.example/oauth2/token");
        type("#field-clientId", "registry");
        type("#field-clientSecret", "globex-client-secret-0123456789");
        element("#save-integration").click();

        wait(10).until(ExpectedConditions.urlMatches("#/integrations/[0-9a-f-]{36}$"));
        String id = driver.getCurrentUrl().replaceAll(".*#/integrations/", "");
        waitUntil(() -> element("#field-redirectUri")
                .getDomProperty("value")
                .equals("https://registry.acme.example/oauth2/callback/" + id));
    }

    @Test
    @Order(3)
    void anAddFormLeftUnsavedPassesItsReservationToTheNextOneInsteadOfTakingAnother() {
        signInAs("alice", "alice-pw");
        open("#/");
        visible("#add-integration").click();
        waitUntil(() -> element("#group-redirectUri").isDisplayed());
        String first = element("#field-redirectUri").getDomProperty("value");
        long reserved = reservationsOf("acme");

        element("#nav-integrations").click();
        visible("#add-integration").click();
        waitUntil(() -> element("#group-redirectUri").isDisplayed());

        assertThat(element("#field-redirectUri").getDomProperty("value")).isEqualTo(first);
        assertThat(reservationsOf("acme")).isEqualTo(reserved);
    }

    private long reservationsOf(String company) {
        return mongo.getCollection(RESERVATIONS).countDocuments(new Document("companyId", company));
    }
}
