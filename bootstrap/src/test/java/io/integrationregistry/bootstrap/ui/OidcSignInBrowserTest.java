package io.integrationregistry.bootstrap.ui;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.TestAuthorizationServer;
import io.integrationregistry.bootstrap.RegistryApplication;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page's sign-in through the company's OpenID Connect provider (the test authorization server as
 * one), in a real browser: from the "Sign in with …" button over the provider's login form back to the list,
 * a change whose actor is the provider's user, and the sign-out that ends both sessions. No token is ever
 * where the page's scripts could read it.
 */
@SpringBootTest(
        classes = RegistryApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-pw",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN"
        })
class OidcSignInBrowserTest extends BrowserTestBase {

    private static final TestAuthorizationServer PROVIDER = started();
    private static final String API_KEY = "oidc-page-api-key-0123456789-q7w3";

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("registry.security.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("registry.security.oidc.client-id", () -> TestAuthorizationServer.PAGE_CLIENT_ID);
        registry.add("registry.security.oidc.client-secret", () -> TestAuthorizationServer.PAGE_CLIENT_SECRET);
        registry.add("registry.security.oidc.display-name", () -> "Acme Login");
    }

    /** Open until the JVM ends, so that a rerun of this class finds it where the service's context expects it. */
    private static TestAuthorizationServer started() {
        TestAuthorizationServer server = TestAuthorizationServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    @Test
    void a_user_signs_in_at_the_provider_works_as_that_user_and_signs_out_of_both_sessions() throws Exception {
        PROVIDER.allowAdminPage(base());
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.get(base() + "/");
        visible("#sign-in-oidc-link");
        assertThat(element("#sign-in-oidc-link").getText()).isEqualTo("Sign in with Acme Login");
        assertThat(element("#sign-in-username").isDisplayed())
                .as("the user name form stays")
                .isTrue();
        assertAccessible("sign-in with the provider's button");
        screenshot("sign-in.png");

        // by keyboard: the button is a link in the tab order, before the user name form
        element("#sign-in-oidc-link").sendKeys(Keys.ENTER);
        signInAtTheProvider(TestAuthorizationServer.PAGE_ADMIN);
        wait(15).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> element("#current-user").isDisplayed()
                        && element("#current-user").getText().startsWith(TestAuthorizationServer.PAGE_ADMIN + " "));
        visible("#view h1");
        assertThat(driver.getCurrentUrl()).isIn(base() + "/", base() + "/#/");
        assertNoTokenReadableByScripts();

        visible("#add-integration").click();
        visible("#integration-form");
        element("#auth-type-apikey").click();
        type("#field-name", "Signed in at the provider " + shortId());
        type("#field-baseApiUrl", "https://files.acme.example/api");
        type("#field-apiKey", API_KEY);
        element("#save-integration").click();
        wait(10).until(ExpectedConditions.urlMatches("#/integrations/[0-9a-f-]{36}$"));
        String id = driver.getCurrentUrl().replaceAll(".*#/integrations/", "");
        JsonNode history =
                alice().get("/api/integrations/" + id + "/history").json().path("items");
        assertThat(history.get(0).path("actor").asText()).isEqualTo(TestAuthorizationServer.PAGE_ADMIN);
        assertNoTokenReadableByScripts();

        Cookie session = driver.manage().getCookieNamed("JSESSIONID");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(meWith(session)).as("me with the session cookie").isEqualTo(200);
        element("#sign-out").click();
        // the page goes to the provider and back: the notice is looked for again until the page is back
        wait(15).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> element("#sign-in-notice").isDisplayed());
        assertThat(element("#sign-in-notice").getText()).isEqualTo("You are signed out.");
        assertThat(driver.getCurrentUrl())
                .as("nothing of the sign-out left in the address")
                .isEqualTo(base() + "/");
        assertThat(element("#session").isDisplayed()).isFalse();
        assertThat(meWith(session)).as("me with the old session cookie").isEqualTo(401);
        assertAccessible("signed out");

        element("#sign-in-oidc-link").click();
        // the provider's session ended too: it asks for the password again
        signInAtTheProvider(TestAuthorizationServer.PAGE_USER_WITHOUT_COMPANY);
        visible("#sign-in-oidc-error");
        assertThat(element("#sign-in-oidc-error").getText()).contains("names no company");
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/");
        assertThat(element("#session").isDisplayed()).isFalse();
        assertAccessible("a refused sign-in at the provider");
    }

    private void signInAtTheProvider(String user) {
        wait(15).until(d -> d.getCurrentUrl().startsWith(PROVIDER.baseUrl() + "/login"));
        visible("#username").sendKeys(user);
        element("#password").sendKeys(TestAuthorizationServer.PAGE_ADMIN_PASSWORD);
        element("button[type=submit]").click();
        wait(15).until(d -> d.getCurrentUrl().startsWith(base()));
    }

    /** Neither the ID token nor the access token (nor any code) in storage or in the cookies scripts can read. */
    private void assertNoTokenReadableByScripts() {
        String readable = (String) script(
                "return JSON.stringify(sessionStorage) + ' ' + JSON.stringify(localStorage) + ' ' + document.cookie");
        assertThat(PROVIDER.issuedTokens()).isNotEmpty();
        assertThat(PROVIDER.issuedTokens())
                .allSatisfy(token -> assertThat(readable).doesNotContain(token));
        assertThat(readable)
                .doesNotContain("JSESSIONID")
                .doesNotContain("Bearer")
                .doesNotContain("eyJ");
        assertThat((String) script("return JSON.stringify(sessionStorage)")).isEqualTo("{}");
    }

    private int meWith(Cookie session) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/me"))
                                .header("Cookie", session.getName() + "=" + session.getValue())
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
