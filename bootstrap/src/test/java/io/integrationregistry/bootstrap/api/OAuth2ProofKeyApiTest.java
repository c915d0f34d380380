package io.integrationregistry.bootstrap.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import fixtures.providers.DocumentProviderStub;
import fixtures.providers.TestAuthorizationServer;
import fixtures.providers.TestAuthorizationServer.Requirement;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect flow against an authorization server that requires what RFC 9700 asks of clients, over
 * real HTTP: a PKCE proof key for every authorization request, and (as many OpenID Connect servers do) a
 * scope. The service's code verifier is bound to its state, sent only at the code exchange, and never
 * stored in plain text.
 */
class OAuth2ProofKeyApiTest extends ProviderApiTestBase {

    private static TestAuthorizationServer authorizationServer;
    private static DocumentProviderStub provider;

    @Autowired
    MongoClient mongo;

    /** The cookie the last authorize set, as the browser that started connecting keeps it. */
    private String browserCookie;

    @BeforeAll
    static void startTheProvider() {
        authorizationServer = TestAuthorizationServer.start(Requirement.PKCE, Requirement.SCOPE);
        provider = DocumentProviderStub.withBearerTokensOf(authorizationServer);
    }

    @AfterAll
    static void stopTheProvider() {
        provider.close();
        authorizationServer.close();
    }

    @Test
    void aServerRequiringPkceConnectsRefreshesAndReconnectsWithTheGrantedScopeShown() {
        // Access tokens of a second: every call refreshes first.
        String id = registerWith(TestAuthorizationServer.SHORT_LIVED_CLIENT_ID, "[\"documents\"]");
        String authorizationUrl = authorize(id);
        Map<String, List<String>> query = queryOf(authorizationUrl);
        Document storedState = states().find(Filters.eq("integrationId", id)).first();

        HttpApi.Answer callback = callback(authorizationServer.signIn(authorizationUrl));

        assertThat(callback.status()).as(callback.body()).isEqualTo(200);
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        assertThat(query.get("scope")).containsExactly("documents");
        assertThat(query.get("code_challenge")).hasSize(1);
        String verifier = authorizationServer.receivedCodeVerifiers().stream()
                .filter(received ->
                        s256(received).equals(query.get("code_challenge").get(0)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no code exchange brought the challenge's verifier"));
        assertThat(verifier).matches("[A-Za-z0-9._~-]{43,128}");
        assertThat(storedState.get("codeVerifier", Document.class)).containsOnlyKeys("keyId", "ciphertext");
        assertThat(storedState.toJson()).doesNotContain(verifier);
        assertThat(states().countDocuments(Filters.eq("integrationId", id))).isZero();
        HttpApi.Answer connected = connection(id);
        assertThat(connected.json().path("status").asText()).isEqualTo("CONNECTED");
        assertThat(connected.json().path("grantedScope").asText()).isEqualTo("documents");

        int refreshes = authorizationServer.tokenRequests("refresh_token");
        assertThat(files(id).status()).isEqualTo(200);
        assertThat(authorizationServer.tokenRequests("refresh_token")).isEqualTo(refreshes + 1);
        assertThat(connection(id).json().path("grantedScope").asText()).isEqualTo("documents");

        authorizationServer.forgetAllGrants();
        assertThat(files(id).status()).isEqualTo(409);
        HttpApi.Answer again = callback(authorizationServer.signIn(authorize(id)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(files(id).status()).isEqualTo(200);
        assertThat(connection(id).json().path("status").asText()).isEqualTo("CONNECTED");
    }

    @Test
    void aServerRequiringAScopeRefusesAScopelessRequestAndTheCallbackPageShowsItsErrorAndDescription() {
        String id = registerWith(TestAuthorizationServer.CLIENT_ID, "[]");
        int exchanges = authorizationServer.tokenRequests("authorization_code");

        String sentBack = authorizationServer.signIn(authorize(id));
        HttpApi.Answer page = callback(sentBack);

        assertThat(queryOf(sentBack).get("error")).containsExactly("invalid_request");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body())
                .contains("<h2>The provider said:</h2><blockquote><p>invalid_request</p><p>"
                        + TestAuthorizationServer.MISSING_SCOPE + "</p></blockquote>");
        assertThat(authorizationServer.tokenRequests("authorization_code")).isEqualTo(exchanges);
        assertThat(connection(id).json().path("status").asText()).isEqualTo("NOT_CONNECTED");
    }

    @Test
    void theCallbackPageShowsTheErrorDescriptionEscapedWithoutControlCharactersAndCut() {
        String id = registerWith(TestAuthorizationServer.CLIENT_ID, "[\"documents\"]");
        String state = queryOf(authorize(id)).get("state").get(0);
        String description = "<script>alert('registry')</script>\u0007\u202E line\r\nbreak " + "z".repeat(300);

        HttpApi.Answer page = anonymous()
                .get(
                        "/oauth2/callback/" + id + "?error=access_denied&error_description="
                                + URLEncoder.encode(description, StandardCharsets.UTF_8) + "&state=" + state,
                        Map.of("Cookie", browserCookie));

        assertThat(page.status()).isEqualTo(400);
        String quoted = page.body()
                .substring(page.body().indexOf("<blockquote>"), page.body().indexOf("</blockquote>"));
        assertThat(quoted)
                .contains("<p>access_denied</p><p>&lt;script&gt;alert(&#39;registry&#39;)&lt;/script&gt; linebreak zzz")
                .doesNotContain("<script>", "\u0007", "\u202E", "\r", "\n")
                .contains("&hellip;");
        assertThat(quoted.length()).isLessThan(320);
    }

    @Test
    void aCodeIsNotExchangedWithoutTheVerifierOfItsOwnState() {
        String id = registerWith(TestAuthorizationServer.CLIENT_ID, "[\"documents\"]");
        String first = authorize(id);
        String firstCookie = browserCookie;
        String firstRedirect = authorizationServer.signIn(first);
        String second = authorize(id);
        // Someone with write access to the store gives the first state the second one's (valid) verifier.
        states().updateOne(
                        Filters.eq("_id", stateHashOf(first)),
                        Updates.set(
                                "codeVerifier",
                                states().find(Filters.eq("_id", stateHashOf(second)))
                                        .first()
                                        .get("codeVerifier")));
        browserCookie = firstCookie;

        HttpApi.Answer swapped = callback(firstRedirect);

        assertThat(swapped.status()).isEqualTo(400);
        assertThat(swapped.body()).contains("token endpoint refused the code").contains("invalid_grant");

        String third = authorize(id);
        String thirdRedirect = authorizationServer.signIn(third);
        states().updateOne(Filters.eq("_id", stateHashOf(third)), Updates.unset("codeVerifier"));
        int exchanges = authorizationServer.tokenRequests("authorization_code");

        HttpApi.Answer stripped = callback(thirdRedirect);

        assertThat(stripped.status()).isEqualTo(400);
        assertThat(stripped.body()).contains("proof key");
        assertThat(authorizationServer.tokenRequests("authorization_code")).isEqualTo(exchanges);
        assertThat(connection(id).json().path("status").asText()).isEqualTo("NOT_CONNECTED");
    }

    // --- the browser's part, done with a real HTTP client -------------------------------------------

    /** Registers an integration asking for the given scopes, a JSON array. */
    private String registerWith(String clientId, String scopes) {
        String body = oauth2Provider(
                unique("Proof key drive"),
                provider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                clientId,
                TestAuthorizationServer.CLIENT_SECRET);
        // The scope is asked for by the integration's scopes, not by a request parameter.
        String id = add(body.replace("\"requestParameters\": \"scope=documents\"", "\"requestParameters\": \"\"")
                .replace("\"clientSecret\": ", "\"scopes\": " + scopes + ", \"clientSecret\": "));
        authorizationServer.allowRedirectUri(
                clientId,
                alice().get("/api/integrations/" + id)
                        .json()
                        .path("authentication")
                        .path("redirectUri")
                        .asText());
        return id;
    }

    private String authorize(String integration) {
        HttpApi.Answer redirect = documentUser().get("/api/integrations/" + integration + "/oauth2/authorize");
        assertThat(redirect.status()).as(redirect.body()).isEqualTo(302);
        browserCookie = redirect.cookie("registry_oauth2_browser");
        return redirect.header("Location");
    }

    /** The provider's redirect back, followed by the browser that started connecting last. */
    private HttpApi.Answer callback(String providerRedirect) {
        URI uri = URI.create(providerRedirect);
        assertThat(uri.getPath()).startsWith("/oauth2/callback/");
        return anonymous().get(uri.getRawPath() + "?" + uri.getRawQuery(), Map.of("Cookie", browserCookie));
    }

    private HttpApi.Answer connection(String integration) {
        return documentUser().get("/api/integrations/" + integration + "/oauth2/connection");
    }

    private HttpApi.Answer files(String integration) {
        return documentUser().get("/api/integrations/" + integration + "/documents/files");
    }

    private MongoCollection<Document> states() {
        return mongo.getDatabase("registry").getCollection("oauth2_states");
    }

    private static String stateHashOf(String authorizationUrl) {
        return HexFormat.of()
                .formatHex(sha256(queryOf(authorizationUrl).get("state").get(0)));
    }

    private static String s256(String verifier) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Map<String, List<String>> queryOf(String url) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.computeIfAbsent(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            name -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
