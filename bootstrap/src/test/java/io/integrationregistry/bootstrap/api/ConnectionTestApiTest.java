package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection test against a real provider on loopback that lacks, protects or hides serviceInfo. */
class ConnectionTestApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "stub-provider-key-0123456789";

    private DocumentProviderStub provider;

    @BeforeEach
    void startTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    @Test
    void aProviderWithoutServiceInfoIsReachableAndOkWhenItsRootIsListed() {
        provider.documents().offerServiceInfo(false);

        JsonNode report = test(provider.baseApiUrl(), PROVIDER_KEY);

        assertThat(outcomes(report))
                .containsExactly(
                        "reachable=PASSED", "serviceInfo=SKIPPED", "authenticated=PASSED", "listedRoot=PASSED");
        assertThat(report.path("ok").asBoolean()).isTrue();
        assertThat(step(report, "serviceInfo").path("message").asText()).contains("does not offer serviceInfo");
    }

    @Test
    void aProviderProtectingServiceInfoIsSentTheCredentialsAndShowsWhatItSays() {
        provider.documents().protectServiceInfo(true);

        JsonNode report = test(provider.baseApiUrl(), PROVIDER_KEY);

        assertThat(outcomes(report))
                .containsExactly("reachable=PASSED", "serviceInfo=PASSED", "authenticated=PASSED", "listedRoot=PASSED");
        assertThat(report.path("ok").asBoolean()).isTrue();
        JsonNode details = step(report, "serviceInfo").path("details");
        assertThat(details.path("publisher").asText()).isEqualTo("Stub Documents Inc.");
        assertThat(details.path("webhookVersion").asText()).isEqualTo("1.0");
        assertThat(details.path("availableEndpoints").asText()).isEqualTo("metadata, files, search, download");
        assertThat(provider.received("serviceInfo"))
                .singleElement()
                .satisfies(request -> assertThat(request.headers())
                        .containsEntry("apikey", PROVIDER_KEY)
                        .containsEntry("username", "alice"));
        assertThat(report.toString()).doesNotContain(PROVIDER_KEY);
    }

    @Test
    void aWrongBasePathWhereEveryCallAnswers404FailsSayingTheUrlIsProbablyWrong() {
        JsonNode report = test(provider.origin() + "/wrong/v1", PROVIDER_KEY);

        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(step(report, "reachable").path("outcome").asText()).isEqualTo("PASSED");
        assertThat(step(report, "authenticated").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(step(report, "authenticated").path("message").asText())
                .contains("every call answered 404: the base API URL is probably wrong");
        assertThat(step(report, "listedRoot").path("outcome").asText()).isEqualTo("FAILED");
    }

    @Test
    void theReportNamesTheUserTheApiKeyWasSentAs() {
        JsonNode accepted = test(provider.baseApiUrl(), PROVIDER_KEY);
        JsonNode refused = test(provider.baseApiUrl(), "not-the-key-0123456789");

        assertThat(step(accepted, "authenticated").path("message").asText()).contains("sent as user alice");
        assertThat(refused.path("ok").asBoolean()).isFalse();
        assertThat(step(refused, "authenticated").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(step(refused, "authenticated").path("message").asText())
                .contains("403")
                .contains("sent as user alice");
        assertThat(refused.toString()).doesNotContain("not-the-key");
    }

    private JsonNode test(String baseApiUrl, String apiKey) {
        HttpApi.Answer answer =
                alice().post("/api/integrations/test", apiKeyProvider(unique("Tested"), baseApiUrl, "", apiKey));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<String> outcomes(JsonNode report) {
        List<String> outcomes = new ArrayList<>();
        report.path("steps")
                .forEach(step -> outcomes.add(
                        step.path("name").asText() + "=" + step.path("outcome").asText()));
        return outcomes;
    }

    private static JsonNode step(JsonNode report, String name) {
        for (JsonNode step : report.path("steps")) {
            if (step.path("name").asText().equals(name)) {
                return step;
            }
        }
        throw new AssertionError("no step " + name + " in " + report);
    }
}
