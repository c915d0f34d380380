package io.integrationregistry.bootstrap.api;

import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request with several mistakes, over real HTTP: one 400 problem naming every broken field, those the
 * request itself gets wrong and those the service's rules refuse (the transport policy, a secret left out
 * where none is stored), and nothing stored. The service runs with its defaults: https only, no private
 * address.
 */
class EveryBrokenFieldApiTest extends ApiTestBase {

    @Test
    void aBlankNameAnFtpBaseUrlAndAMissingApiKeyAreNamedInOneAnswer() {
        long before = total();

        Answer refused = alice().post("/api/integrations", """
                {"name": "  ", "baseApiUrl": "ftp://files.acme.example/api",
                 "authentication": {"type": "API_KEY"}}""");

        assertInvalid(refused);
        assertThat(refused.errorFields()).containsExactly("name", "baseApiUrl", "authentication.apiKey");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void privateAddressesABrokenClientIdAndAMissingClientSecretAreNamedInOneAnswer() {
        long before = total();

        Answer refused = alice().post("/api/integrations", """
                {"name": "%s", "baseApiUrl": "https://10.0.0.1/api",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/authorize",
                   "tokenEndpointUrl": "https://127.0.0.1/token", "clientId": 42}}""".formatted(unique("Private")));

        assertInvalid(refused);
        assertThat(refused.errorFields())
                .containsExactly(
                        "baseApiUrl",
                        "authentication.tokenEndpointUrl",
                        "authentication.clientId",
                        "authentication.clientSecret");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void aWellFormedBodyBreakingSeveralRulesIsRefusedInOneAnswer() {
        long before = total();

        Answer refused = alice().post("/api/integrations", """
                {"name": "%s", "baseApiUrl": "https://127.0.0.1/api",
                 "authentication": {"type": "API_KEY"}}""".formatted(unique("Loopback")));

        assertInvalid(refused);
        assertThat(refused.errorFields()).containsExactly("baseApiUrl", "authentication.apiKey");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void anEditChangingTheTypeWithoutItsSecretAndABadNameAreNamedInOneAnswer() {
        Answer created = alice().post("/api/integrations", apiKeyBody(unique("Switch"), API_KEY));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        String toOAuth2WithoutSecret = """
                {"name": "", "baseApiUrl": "https://files.acme.example/webhooks",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/authorize",
                   "tokenEndpointUrl": "https://auth.acme.example/token", "clientId": "registry-client"}}""";

        Answer refused = alice().put("/api/integrations/" + id, toOAuth2WithoutSecret, ifMatch(created.header("ETag")));

        assertInvalid(refused);
        assertThat(refused.errorFields()).containsExactly("name", "authentication.clientSecret");
        Answer after = alice().get("/api/integrations/" + id);
        assertThat(after.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(after.json().path("authentication").path("type").asText()).isEqualTo("API_KEY");
        // Another company's integration is not judged: it is not found, as its edit would be.
        assertThat(globexAdmin()
                        .put("/api/integrations/" + id, toOAuth2WithoutSecret, ifMatch(created.header("ETag")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEditKeepingItsTypeMayLeaveItsSecretOut() {
        Answer created = alice().post("/api/integrations", apiKeyBody(unique("Keep"), API_KEY));
        String id = created.json().path("id").asText();

        Answer refused = alice().put("/api/integrations/" + id, """
                        {"name": "", "baseApiUrl": "https://files.acme.example/other",
                         "authentication": {"type": "API_KEY"}}""", ifMatch(created.header("ETag")));

        assertInvalid(refused);
        assertThat(refused.errorFields()).containsExactly("name");
    }

    @Test
    void aConnectionTestNamesEveryBrokenFieldOfItsBodyInOneAnswer() {
        Answer refused = alice().post("/api/integrations/test", """
                {"name": "  ", "baseApiUrl": "ftp://files.acme.example/api", "colour": "red",
                 "authentication": {"type": "API_KEY", "apiKey": 7}}""");

        assertInvalid(refused);
        assertThat(refused.errorFields()).containsExactly("colour", "name", "baseApiUrl", "authentication.apiKey");
    }

    private long total() {
        return alice().get("/api/integrations?size=1").json().path("total").asLong();
    }

    private static void assertInvalid(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("type").asText()).endsWith("/problems/invalid-request");
        answer.json().path("errors").forEach(error -> {
            assertThat(error.path("rule").asText()).isNotBlank();
            assertThat(error.path("message").asText())
                    .startsWith(error.path("field").asText() + " ");
        });
    }
}
