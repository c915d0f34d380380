package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The provider-call log over real HTTP: each gateway call logged with what it did and how it ended, read
 * newest first in pages by the company's administrators and auditors; and each integration's last call
 * and health in the reads of the current integration.
 */
class ProviderCallLogApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "call-log-provider-key-0123456789";
    private static final String HTML_404 = "<html><head><title>404 Not Found</title></head><body></body></html>";

    @Autowired
    private MongoTemplate mongo;

    private DocumentProviderStub provider;
    private String id;
    private String name;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        name = unique("Logged drive");
        id = add(apiKeyProvider(name, provider.baseApiUrl(), "tenant=acme", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    @Test
    void eachGatewayCallIsLoggedNewestFirstWithWhatItDidAndHowItEnded() {
        Instant before = Instant.now().minusSeconds(1);
        call("files?parentId=%2F", "log-files");
        provider.faults().failNext("metadata", 500, "backend <b>down</b>\u0007");
        call("metadata?id=d-1", "log-error");
        provider.faults().answerNext("search", 404, "text/html", HTML_404);
        call("search?query=plan", "log-missing");
        call("download?id=d-1", "log-download");

        JsonNode items = logged(4);

        assertThat(items)
                .extracting(item -> item.path("requestId").asText())
                .containsExactly("log-download", "log-missing", "log-error", "log-files");
        JsonNode download = items.get(0);
        assertThat(download.path("user").asText()).isEqualTo("dora");
        assertThat(download.path("endpoint").asText()).isEqualTo("download");
        assertThat(download.path("providerStatus").asInt()).isEqualTo(200);
        assertThat(download.path("outcome").asText()).isEqualTo("success");
        assertThat(download.path("bytes").asLong()).isEqualTo(4);
        assertThat(download.path("durationMillis").asLong()).isNotNegative();
        assertThat(download.path("providerMessage").isNull()).isTrue();
        assertThat(Instant.parse(download.path("at").asText())).isAfter(before);
        JsonNode missing = items.get(1);
        assertThat(missing.path("endpoint").asText()).isEqualTo("search");
        assertThat(missing.path("providerStatus").asInt()).isEqualTo(404);
        assertThat(missing.path("outcome").asText()).isEqualTo("not-implemented");
        JsonNode failed = items.get(2);
        assertThat(failed.path("endpoint").asText()).isEqualTo("metadata");
        assertThat(failed.path("providerStatus").asInt()).isEqualTo(500);
        assertThat(failed.path("outcome").asText()).isEqualTo("provider-error");
        assertThat(failed.path("providerMessage").asText()).isEqualTo("backend <b>down</b>");
        JsonNode files = items.get(3);
        assertThat(files.path("endpoint").asText()).isEqualTo("files");
        assertThat(files.path("outcome").asText()).isEqualTo("success");
        assertThat(files.path("bytes").asLong()).isPositive();
        assertThat(items)
                .allSatisfy(item -> assertThat(item.properties())
                        .extracting(Map.Entry::getKey)
                        .containsExactlyInAnyOrder(
                                "at",
                                "user",
                                "endpoint",
                                "providerStatus",
                                "outcome",
                                "durationMillis",
                                "bytes",
                                "requestId",
                                "providerMessage"));
    }

    @Test
    void pagesFollowTheCursorAndTheOutcomeFilterKeepsThatOutcome() {
        for (int n = 1; n <= 5; n++) {
            if (n == 2 || n == 4) {
                provider.faults().failNext("files", 503, "busy");
            }
            call("files", "page-" + n);
        }
        logged(5);

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        do {
            HttpApi.Answer page = alice().get(log("?size=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            sizes.add(page.json().path("items").size());
            page.json()
                    .path("items")
                    .forEach(item -> seen.add(item.path("requestId").asText()));
            cursor = page.json().path("next").isNull()
                    ? null
                    : page.json().path("next").asText();
        } while (cursor != null);

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly("page-5", "page-4", "page-3", "page-2", "page-1");
        assertThat(alice().get(log("?outcome=provider-error")).json().path("items"))
                .extracting(item -> item.path("requestId").asText())
                .containsExactly("page-4", "page-2");
    }

    @Test
    void anUnknownOutcomeABadSizeAndABadCursorAreProblemsNamingTheirFields() {
        HttpApi.Answer both = alice().get(log("?outcome=PROVIDER_ERROR&size=201"));
        HttpApi.Answer notANumber = alice().get(log("?size=many"));
        HttpApi.Answer cursor = alice().get(log("?cursor=not-a-cursor"));

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.errorFields()).containsExactlyInAnyOrder("outcome", "size");
        assertThat(both.body()).contains("provider-error");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.errorFields()).containsExactly("size");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.errorFields()).containsExactly("cursor");
    }

    @Test
    void administratorsAndAuditorsReadTheLogAndNoOneElse() {
        call("files", "access-1");
        logged(1);

        assertThat(auditor().get(log("")).json().path("items")).hasSize(1);
        HttpApi.Answer documentUser = documentUser().get(log(""));
        assertThat(documentUser.status()).isEqualTo(403);
        assertThat(documentUser.header("Content-Type")).startsWith("application/problem+json");
        HttpApi.Answer otherCompany = globexAdmin().get(log(""));
        assertThat(otherCompany.status()).isEqualTo(404);
        assertThat(otherCompany.header("Content-Type")).startsWith("application/problem+json");
        assertThat(otherCompany.body()).doesNotContain("access-1");
        assertThat(alice().get("/api/integrations/" + UUID.randomUUID() + "/provider-calls")
                        .status())
                .isEqualTo(404);
        assertThat(anonymous().get(log("")).status()).isEqualTo(401);
        assertThat(operator().get(log("")).status()).isEqualTo(403);
    }

    @Test
    void anIntegrationIsUnknownBeforeItsFirstCallHealthyAfterSuccessesAndFailingAfterFiveFailures() {
        JsonNode fresh = alice().get("/api/integrations/" + id).json();
        assertThat(fresh.path("health").asText()).isEqualTo("UNKNOWN");
        assertThat(fresh.has("lastCall")).isTrue();
        assertThat(fresh.path("lastCall").isNull()).isTrue();

        call("files", "health-1");
        call("files", "health-2");
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> alice().get("/api/integrations/" + id)
                                .json()
                                .path("health")
                                .asText(),
                        "HEALTHY"::equals);
        JsonNode healthy = alice().get("/api/integrations/" + id).json();
        assertThat(healthy.path("lastCall").path("outcome").asText()).isEqualTo("success");
        assertThat(healthy.path("lastCall").path("status").asInt()).isEqualTo(200);
        assertThat(Instant.parse(healthy.path("lastCall").path("at").asText())).isBefore(Instant.now());
        assertThat(listed().path("health").asText()).isEqualTo("HEALTHY");

        provider.failWith(502, "{\"status\":\"error\",\"error\":\"gateway down\"}");
        for (int n = 0; n < 5; n++) {
            call("files", "failing-" + n);
        }
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> alice().get("/api/integrations/" + id)
                                .json()
                                .path("health")
                                .asText(),
                        "FAILING"::equals);
        JsonNode failing = listed();
        assertThat(failing.path("health").asText()).isEqualTo("FAILING");
        assertThat(failing.path("lastCall").path("outcome").asText()).isEqualTo("provider-error");
        assertThat(failing.path("lastCall").path("status").asInt()).isEqualTo(502);
    }

    @Test
    void theAnswersToCommandsCarryNeitherLastCallNorHealth() {
        String etag = alice().get("/api/integrations/" + id).header("ETag");

        JsonNode deactivated = alice().post("/api/integrations/" + id + "/deactivate", null, ifMatch(etag))
                .json();

        assertThat(deactivated.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(deactivated.has("health")).isFalse();
        assertThat(deactivated.has("lastCall")).isFalse();
    }

    @Test
    void theEntriesExpireByATtlIndexOfTheConfiguredRetention() {
        List<Document> indexes = new ArrayList<>();
        mongo.getCollection("provider_calls").listIndexes().into(indexes);

        assertThat(indexes)
                .filteredOn(index -> index.get("key", Document.class).keySet().equals(java.util.Set.of("at")))
                .singleElement()
                .satisfies(ttl -> assertThat(((Number) ttl.get("expireAfterSeconds")).longValue())
                        .isEqualTo(Duration.ofDays(7).toSeconds()));
    }

    @Test
    void theCallsTheLogDroppedAreAMetricForTheOperator() {
        HttpApi.Answer metric = operator().get("/actuator/metrics/registry.provider.calls.log.dropped");

        assertThat(metric.status()).as(metric.body()).isEqualTo(200);
        assertThat(metric.json().at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
        assertThat(metric.json().at("/measurements/0/value").asDouble()).isZero();
    }

    private String log(String query) {
        return "/api/integrations/" + id + "/provider-calls" + query;
    }

    private void call(String call, String requestId) {
        HttpApi.Answer answer =
                documentUser().get("/api/integrations/" + id + "/documents/" + call, Map.of("X-Request-Id", requestId));
        assertThat(answer.header("X-Request-Id")).isEqualTo(requestId);
    }

    /** The log's first page once it holds this many calls (they are written within a moment). */
    private JsonNode logged(int calls) {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> alice().get(log("")).json().path("items").size() >= calls);
        JsonNode items = alice().get(log("")).json().path("items");
        assertThat(items).hasSize(calls);
        return items;
    }

    /** This integration as the list shows it. */
    private JsonNode listed() {
        for (JsonNode item : alice().get("/api/integrations?q=" + name.replace(' ', '+'))
                .json()
                .path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("the integration is not listed");
    }
}
