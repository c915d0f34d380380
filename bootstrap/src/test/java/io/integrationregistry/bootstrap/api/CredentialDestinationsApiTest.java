package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import fixtures.providers.TestAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the service sends an integration's credentials: a stored secret only to the origin it was saved
 * for, a user's token only to the base URL's origin it was obtained for, and a report that tells when
 * credentials were not sent at all. A second provider on another port is "the new origin".
 */
class CredentialDestinationsApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "stub-provider-key-0123456789";

    private static TestAuthorizationServer authorizationServer;
    private static DocumentProviderStub saved;
    private static DocumentProviderStub elsewhere;

    @BeforeAll
    static void startTheProviders() {
        authorizationServer = TestAuthorizationServer.start();
        saved = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        elsewhere = DocumentProviderStub.open();
    }

    @AfterAll
    static void stopTheProviders() {
        saved.close();
        elsewhere.close();
        authorizationServer.close();
    }

    @Test
    void storedApiKeyIsNotSentToANewOrigin() {
        String name = unique("Keyed");
        String id = add(apiKeyProvider(name, saved.baseApiUrl(), "", PROVIDER_KEY));
        String keyLeftOut = keyLeftOut(name, elsewhere.baseApiUrl());
        int before = elsewhere.received().size();

        HttpApi.Answer test = alice().post("/api/integrations/" + id + "/test", keyLeftOut);
        HttpApi.Answer edit = alice().put("/api/integrations/" + id, keyLeftOut, ifMatch("\"0\""));

        for (HttpApi.Answer refused : new HttpApi.Answer[] {test, edit}) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorFields()).containsExactly("authentication.apiKey");
            assertThat(refused.json().path("errors").get(0).path("rule").asText())
                    .isEqualTo("must be given again to send it to another origin");
        }
        assertThat(elsewhere.received()).hasSize(before);
        assertThat(elsewhere.received())
                .noneSatisfy(request -> assertThat(request.headers()).containsKey("apikey"));
        assertThat(alice().get("/api/integrations/" + id)
                        .json()
                        .path("baseApiUrl")
                        .asText())
                .isEqualTo(saved.baseApiUrl());
        // Another path on the saved origin keeps the stored key, for a test as for an edit.
        HttpApi.Answer samePlace =
                alice().post("/api/integrations/" + id + "/test", keyLeftOut(name, saved.baseApiUrl() + "/v2"));
        assertThat(samePlace.json().path("ok").asBoolean()).as(samePlace.body()).isTrue();
    }

    @Test
    void credentialsFollowAnEditToANewDestination() {
        DocumentProviderStub bearerProvider = DocumentProviderStub.withBearerTokensOf(authorizationServer);
        try {
            String name = unique("Oauth drive");
            String id = connectedOAuth2Integration(name, bearerProvider, documentUser());
            assertThat(documentUser()
                            .get("/api/integrations/" + id + "/documents/files")
                            .status())
                    .isEqualTo(200);

            // (a) the client secret stays with the token endpoint's origin
            HttpApi.Answer movedTokenEndpoint = alice().put(
                            "/api/integrations/" + id,
                            oauth2SecretLeftOut(name, bearerProvider.baseApiUrl(), elsewhere.baseApiUrl() + "/token"),
                            ifMatch("\"0\""));
            assertThat(movedTokenEndpoint.status())
                    .as(movedTokenEndpoint.body())
                    .isEqualTo(400);
            assertThat(movedTokenEndpoint.errorFields()).containsExactly("authentication.clientSecret");

            // (b) the users' tokens stay with the base URL's origin: moving it ends their connections
            HttpApi.Answer movedBase = alice().put(
                            "/api/integrations/" + id,
                            oauth2SecretLeftOut(name, elsewhere.baseApiUrl(), authorizationServer.tokenEndpoint()),
                            ifMatch("\"0\""));
            assertThat(movedBase.status()).as(movedBase.body()).isEqualTo(200);
            HttpApi.Answer call = documentUser().get("/api/integrations/" + id + "/documents/files");
            assertThat(call.status()).as(call.body()).isEqualTo(409);
            assertThat(documentUser()
                            .get("/api/integrations/" + id + "/oauth2/connection")
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("NOT_CONNECTED");
            assertThat(elsewhere.received())
                    .noneSatisfy(request -> assertThat(request.headers()).containsKey("authorization"));
        } finally {
            bearerProvider.close();
        }
    }

    @Test
    void aUsersTokenIsNotSentToANewBaseOriginByATest() {
        DocumentProviderStub bearerProvider = DocumentProviderStub.withBearerTokensOf(authorizationServer);
        try {
            String name = unique("Oauth drive");
            String id = connectedOAuth2Integration(name, bearerProvider, alice());

            HttpApi.Answer test = alice().post(
                            "/api/integrations/" + id + "/test",
                            oauth2SecretLeftOut(name, elsewhere.baseApiUrl(), authorizationServer.tokenEndpoint()));

            assertThat(test.status()).as(test.body()).isEqualTo(200);
            JsonNode authenticated = test.json().path("steps").get(2);
            assertThat(authenticated.path("name").asText()).isEqualTo("authenticated");
            assertThat(authenticated.path("outcome").asText()).isEqualTo("SKIPPED");
            assertThat(authenticated.path("message").asText()).contains("not sent");
            assertThat(elsewhere.received())
                    .noneSatisfy(request -> assertThat(request.headers()).containsKey("authorization"));
        } finally {
            bearerProvider.close();
        }
    }

    @Test
    void theReportSaysTheCredentialsWereNotSentAfterACrossOriginRedirect() {
        DocumentProviderStub redirecting = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        try {
            redirecting.redirectEverythingTo(elsewhere.baseApiUrl());
            String id = add(apiKeyProvider(unique("Redirecting"), redirecting.baseApiUrl(), "", PROVIDER_KEY));

            HttpApi.Answer report = alice().post("/api/integrations/" + id + "/test", null);

            assertThat(report.status()).as(report.body()).isEqualTo(200);
            assertThat(report.json().path("ok").asBoolean()).isFalse();
            JsonNode authenticated = report.json().path("steps").get(2);
            assertThat(authenticated.path("name").asText()).isEqualTo("authenticated");
            assertThat(authenticated.path("outcome").asText()).isEqualTo("FAILED");
            assertThat(authenticated.path("message").asText())
                    .contains("not sent")
                    .doesNotContain("accepted");
            assertThat(elsewhere.received("files"))
                    .isNotEmpty()
                    .allSatisfy(request -> assertThat(request.headers()).doesNotContainKey("apikey"));
        } finally {
            redirecting.close();
        }
    }

    @Test
    void nameSpoofingWithBidirectionalCharactersIsRefused() {
        HttpApi.Answer refused = alice().post(
                        "/api/integrations",
                        apiKeyProvider("Invoices \u202Efdp.exe", saved.baseApiUrl(), "", PROVIDER_KEY));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("name");
    }

    private static String keyLeftOut(String name, String baseApiUrl) {
        return """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "",
                 "authentication": {"type": "API_KEY"}}""".formatted(name, baseApiUrl);
    }

    private String oauth2SecretLeftOut(String name, String baseApiUrl, String tokenEndpoint) {
        return """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "scope=documents",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "%s", "tokenEndpointUrl": "%s",
                   "clientId": "%s"}}""".formatted(
                        name,
                        baseApiUrl,
                        authorizationServer.authorizationEndpoint(),
                        tokenEndpoint,
                        TestAuthorizationServer.CLIENT_ID);
    }

    /** An OAuth2 integration of {@code provider}, which {@code user} connected in their own browser. */
    private String connectedOAuth2Integration(String name, DocumentProviderStub provider, HttpApi user) {
        String id = add(oauth2Provider(
                name,
                provider.baseApiUrl(),
                authorizationServer.authorizationEndpoint(),
                authorizationServer.tokenEndpoint(),
                TestAuthorizationServer.CLIENT_ID,
                TestAuthorizationServer.CLIENT_SECRET));
        authorizationServer.allowRedirectUri(
                TestAuthorizationServer.CLIENT_ID,
                alice().get("/api/integrations/" + id)
                        .json()
                        .path("authentication")
                        .path("redirectUri")
                        .asText());
        HttpApi.Answer authorize = user.get("/api/integrations/" + id + "/oauth2/authorize");
        String callback = authorizationServer.signIn(authorize.header("Location"));
        // the callback is completed by the browser that started the flow, with its cookie
        assertThat(anonymous()
                        .get(
                                URI.create(callback).getRawPath() + "?"
                                        + URI.create(callback).getRawQuery(),
                                Map.of("Cookie", authorize.cookie("registry_oauth2_browser")))
                        .status())
                .isEqualTo(200);
        return id;
    }
}
