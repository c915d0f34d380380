package io.integrationregistry.bootstrap.api;

import fixtures.providers.DocumentProviderStub;
import fixtures.providers.TestAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OAuth 2.0 connect flow against a real authorization server (Spring Authorization Server) and a
 * provider that introspects the bearer tokens it receives: connect, call, refresh, reconnect, and
 * every way a callback's state can be abused.
 */
class OAuth2ConnectApiTest extends ProviderApiTestBase {

    private static TestAuthorizationServer authorizationServer;
    private static DocumentProviderStub provider;

    private String id;

    @BeforeAll
    static void startTheProvider() {
        authorizationServer = TestAuthorizationServer.start();
        provider = DocumentProviderStub.withBearerTokensOf(authorizationServer);
    }

    @AfterAll
    static void stopTheProvider() {
        provider.close();
        authorizationServer.close();
    }

    @BeforeEach
    void registerTheProvider() {
        id = registerWith(TestAuthorizationServer.CLIENT_ID);
    }

    private String registerWith(String clientId) {
        String added = add(oauth2Provider(
                unique("Oauth drive"),
                provider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                clientId,
                TestAuthorizationServer.CLIENT_SECRET));
        authorizationServer.allowRedirectUri(
                clientId,
                alice().get("/api/integrations/" + added)
                        .json()
                        .path("authentication")
                        .path("redirectUri")
                        .asText());
        return added;
    }

    @Test
    void the_authorize_redirect_carries_code_flow_parameters_a_fresh_state_and_the_request_parameters() {
        Map<String, String> first = queryOf(authorize(id, documentUser()));
        Map<String, String> second = queryOf(authorize(id, documentUser()));

        assertThat(first)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", TestAuthorizationServer.CLIENT_ID)
                .containsEntry("redirect_uri", "https://registry.acme.example/oauth2/callback/" + id)
                .containsEntry("scope", "documents");
        assertThat(java.util.Base64.getUrlDecoder().decode(first.get("state"))).hasSizeGreaterThanOrEqualTo(16);
        assertThat(second.get("state")).isNotEqualTo(first.get("state"));
    }

    @Test
    void connecting_stores_the_users_tokens_and_gateway_calls_carry_the_bearer_token() {
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
        HttpApi.Answer notYet = documentUser().get("/api/integrations/" + id + "/documents/files");
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.json().path("type").asText()).isEqualTo("/problems/oauth2-connection-required");

        HttpApi.Answer callback = connect(id, documentUser());

        assertThat(callback.status()).as(callback.body()).isEqualTo(200);
        assertThat(callback.body()).contains("connected");
        HttpApi.Answer state = documentUser().get("/api/integrations/" + id + "/oauth2/connection");
        assertThat(state.json().path("status").asText()).isEqualTo("CONNECTED");
        assertThat(state.json().path("expiresAt").asText()).isNotEmpty();
        assertThat(state.body()).doesNotContain("access").doesNotContain("refresh");
        HttpApi.Answer files = documentUser().get("/api/integrations/" + id + "/documents/files?parentId=%2F");
        assertThat(files.status()).as(files.body()).isEqualTo(200);
        assertThat(provider.received("files")
                        .get(provider.received("files").size() - 1)
                        .headers()
                        .get("authorization"))
                .startsWith("Bearer ");
        // Connections are per user: alice has none.
        assertThat(connection(id, alice())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void a_refused_token_is_refreshed_once_and_the_call_retried() {
        connect(id, documentUser());
        int refreshes = authorizationServer.tokenRequests("refresh_token");
        provider.refuseNextToken();

        HttpApi.Answer files = documentUser().get("/api/integrations/" + id + "/documents/files");

        assertThat(files.status()).as(files.body()).isEqualTo(200);
        assertThat(authorizationServer.tokenRequests("refresh_token")).isEqualTo(refreshes + 1);
        assertThat(connection(id, documentUser())).isEqualTo("CONNECTED");
    }

    @Test
    void an_expired_token_is_refreshed_before_the_call() {
        String shortLived = registerWith(TestAuthorizationServer.SHORT_LIVED_CLIENT_ID);
        connect(shortLived, documentUser());
        int refreshes = authorizationServer.tokenRequests("refresh_token");

        HttpApi.Answer files = documentUser().get("/api/integrations/" + shortLived + "/documents/files");

        assertThat(files.status()).as(files.body()).isEqualTo(200);
        assertThat(authorizationServer.tokenRequests("refresh_token")).isEqualTo(refreshes + 1);
    }

    @Test
    void a_grant_the_provider_forgot_asks_for_a_reconnect_and_a_new_connection_works_again() {
        connect(id, documentUser());
        authorizationServer.forgetAllGrants();

        HttpApi.Answer files = documentUser().get("/api/integrations/" + id + "/documents/files");

        assertThat(files.status()).isEqualTo(409);
        assertThat(files.json().path("connectionStatus").asText()).isEqualTo("RECONNECT_REQUIRED");
        assertThat(connection(id, documentUser())).isEqualTo("RECONNECT_REQUIRED");
        connect(id, documentUser());
        assertThat(documentUser()
                        .get("/api/integrations/" + id + "/documents/files")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void editing_the_client_secret_invalidates_the_connections() {
        connect(id, documentUser());
        String etag = alice().get("/api/integrations/" + id).header("ETag");
        HttpApi.Answer edited = alice().put("/api/integrations/" + id, editedSecret(id), ifMatch(etag));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        assertThat(connection(id, documentUser())).isEqualTo("RECONNECT_REQUIRED");
        assertThat(documentUser()
                        .get("/api/integrations/" + id + "/documents/files")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void disconnecting_forgets_the_users_tokens() {
        connect(id, documentUser());

        assertThat(documentUser()
                        .send("DELETE", "/api/integrations/" + id + "/oauth2/connection", null, Map.of())
                        .status())
                .isEqualTo(204);

        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void a_forged_state_is_refused_and_nothing_is_stored() {
        HttpApi.Answer forged = anonymous().get("/oauth2/callback/" + id + "?code=anything&state=forged-state");

        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("not one this service handed out");
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void a_state_is_used_once() {
        String providerRedirect = signInAtTheProvider(authorize(id, documentUser()));
        String callbackPath = callbackPathOf(providerRedirect);

        assertThat(inTheStartingBrowser(callbackPath).status()).isEqualTo(200);
        documentUser().send("DELETE", "/api/integrations/" + id + "/oauth2/connection", null, Map.of());
        HttpApi.Answer replayed = inTheStartingBrowser(callbackPath);

        assertThat(replayed.status()).isEqualTo(400);
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void a_state_of_another_integration_is_refused() {
        String other = registerWith(TestAuthorizationServer.CLIENT_ID);
        String providerRedirect = signInAtTheProvider(authorize(other, documentUser()));
        Map<String, String> answer = queryOf(providerRedirect);

        HttpApi.Answer crossed = inTheStartingBrowser(
                "/oauth2/callback/" + id + "?code=" + answer.get("code") + "&state=" + answer.get("state"));

        assertThat(crossed.status()).isEqualTo(400);
        assertThat(crossed.body()).contains("another integration");
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
        assertThat(connection(other, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void a_provider_error_on_the_callback_is_shown_escaped_and_nothing_is_stored() {
        Map<String, String> query = queryOf(authorize(id, documentUser()));

        HttpApi.Answer denied = inTheStartingBrowser(
                "/oauth2/callback/" + id + "?error=%3Cb%3Eaccess_denied%3C%2Fb%3E&state=" + query.get("state"));

        assertThat(denied.status()).isEqualTo(400);
        assertThat(denied.body()).contains("&lt;b&gt;access_denied").doesNotContain("<b>access_denied");
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void oauth2LoginCsrfALinkStartedInAnotherBrowserIsRefusedAndNoCodeIsExchanged() {
        // Dora starts connecting and sends the provider's URL to a victim, who signs in at the provider.
        String attackersLink = authorize(id, documentUser());
        String attackersCookie = browserCookie;
        String victimsRedirect = signInAtTheProvider(attackersLink);
        // The victim's browser has its own flow going, and so its own cookie.
        authorize(id, alice());
        String victimsCookie = browserCookie;
        int exchangesBefore = authorizationServer.tokenRequests("authorization_code");

        HttpApi.Answer withoutCookie = anonymous().get(callbackPathOf(victimsRedirect));
        HttpApi.Answer withItsOwnCookie = anonymous()
                .get(
                        callbackPathOf(signInAtTheProvider(authorize(id, documentUser()))),
                        Map.of("Cookie", victimsCookie));

        assertThat(attackersCookie).isNotNull().isNotEqualTo(victimsCookie);
        assertThat(withoutCookie.status()).isEqualTo(400);
        assertThat(withoutCookie.body()).contains("another browser");
        assertThat(withItsOwnCookie.status()).isEqualTo(400);
        assertThat(withItsOwnCookie.body()).contains("another browser");
        assertThat(authorizationServer.tokenRequests("authorization_code")).isEqualTo(exchangesBefore);
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
        assertThat(connection(id, alice())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void theBindingCookieIsScopedToTheCallbackAndClearedAfterUse() {
        HttpApi.Answer started = documentUser().get("/api/integrations/" + id + "/oauth2/authorize");
        String setCookie = started.header("Set-Cookie");
        HttpApi.Answer forScripts = documentUser()
                .get("/api/integrations/" + id + "/oauth2/authorize", Map.of("Accept", "application/json"));

        assertThat(setCookie)
                .startsWith("registry_oauth2_browser=")
                .contains("Path=/oauth2/callback/" + id)
                .contains("Max-Age=600")
                .contains("HttpOnly")
                .contains("Secure")
                .contains("SameSite=Lax");
        assertThat(forScripts.header("Set-Cookie")).startsWith("registry_oauth2_browser=");
        browserCookie = forScripts.cookie("registry_oauth2_browser");
        String signedIn =
                signInAtTheProvider(forScripts.json().path("authorizationUrl").asText());
        HttpApi.Answer callback = inTheStartingBrowser(callbackPathOf(signedIn));
        assertThat(callback.status()).as(callback.body()).isEqualTo(200);
        assertThat(callback.header("Set-Cookie"))
                .startsWith("registry_oauth2_browser=;")
                .contains("Max-Age=0")
                .contains("Path=/oauth2/callback/" + id);
    }

    @Test
    void theProvidersErrorTextIsShownAsAQuotationOfTheProviderCutTo200Characters() {
        Map<String, String> query = queryOf(authorize(id, documentUser()));
        String pretendingToBeTheRegistry = "Your registry session expired. Call the help desk on 555-0100 & "
                + "give them your password. " + "x".repeat(300);

        HttpApi.Answer denied = inTheStartingBrowser("/oauth2/callback/" + id + "?error="
                + URLEncoder.encode(pretendingToBeTheRegistry, StandardCharsets.UTF_8) + "&state="
                + query.get("state"));

        assertThat(denied.status()).isEqualTo(400);
        String page = denied.body();
        assertThat(page)
                .contains("<h2>The provider said:</h2><blockquote><p>Your registry session expired. Call "
                        + "the help desk on 555-0100 &amp; give them your password.");
        String quoted = page.substring(
                page.indexOf("<blockquote><p>") + "<blockquote><p>".length(), page.indexOf("</p></blockquote>"));
        assertThat(quoted.replace("&amp;", "&").replace("&hellip;", "…"))
                .hasSize(201)
                .endsWith("…");
        String registrysOwnWords = page.substring(0, page.indexOf("<section>"));
        assertThat(registrysOwnWords).doesNotContain("help desk").contains("did not authorize");
        assertThat(connection(id, documentUser())).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void an_apikey_integration_has_nothing_to_connect() {
        String apiKey = add(apiKeyProvider(unique("Keyed"), provider.baseApiUrl(), "", "some-key-0123456789abc"));

        assertThat(documentUser()
                        .get("/api/integrations/" + apiKey + "/oauth2/authorize")
                        .status())
                .isEqualTo(409);
    }

    // --- the browser's part, done with a real HTTP client -------------------------------------------

    private String editedSecret(String integration) {
        String name = alice().get("/api/integrations/" + integration)
                .json()
                .path("name")
                .asText();
        return oauth2Provider(
                name,
                provider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                TestAuthorizationServer.CLIENT_ID,
                "a-brand-new-client-secret-42");
    }

    private static String connection(String integration, HttpApi user) {
        return user.get("/api/integrations/" + integration + "/oauth2/connection")
                .json()
                .path("status")
                .asText();
    }

    /** The cookie the last authorize set, as the browser that started connecting keeps it. */
    private String browserCookie;

    private String authorize(String integration, HttpApi user) {
        HttpApi.Answer redirect = user.get("/api/integrations/" + integration + "/oauth2/authorize");
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        browserCookie = redirect.cookie("registry_oauth2_browser");
        return redirect.header("Location");
    }

    /** A request of the browser that started connecting last: it brings its cookie along. */
    private HttpApi.Answer inTheStartingBrowser(String path) {
        return anonymous().get(path, Map.of("Cookie", browserCookie));
    }

    /** Connects the user's account as a browser would: authorize, sign in at the provider, come back. */
    private HttpApi.Answer connect(String integration, HttpApi user) {
        String providerRedirect = signInAtTheProvider(authorize(integration, user));
        HttpApi.Answer callback = inTheStartingBrowser(callbackPathOf(providerRedirect));
        assertThat(callback.status()).as(callback.body()).isEqualTo(200);
        return callback;
    }

    /** Follows the provider's sign-in and answers where it finally sends the browser (the redirect URI). */
    private static String signInAtTheProvider(String authorizationUrl) {
        return authorizationServer.signIn(authorizationUrl);
    }

    /** The redirect URI points at the public URL; the test reaches the same path on its local port. */
    private static String callbackPathOf(String redirect) {
        URI uri = URI.create(redirect);
        assertThat(uri.getPath()).startsWith("/oauth2/callback/");
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static Map<String, String> queryOf(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : List.of(URI.create(url).getRawQuery().split("&"))) {
            int equals = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
