package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description the running service serves tells a client all it needs: how to sign in, the status
 * each operation really answers on success, an RFC 9457 problem for every error, and every request body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDescriptionTest extends ApiTestBase {

    /** What each operation answers on success, as the handlers and the access matrix show. */
    private static final Map<String, Set<String>> SUCCESS = Map.ofEntries(
            entry("GET /api/integrations", Set.of("200")),
            entry("POST /api/integrations", Set.of("201")),
            entry("POST /api/integrations/reservations", Set.of("201")),
            entry("GET /api/integrations/{id}", Set.of("200")),
            entry("PUT /api/integrations/{id}", Set.of("200")),
            entry("POST /api/integrations/{id}/activate", Set.of("200")),
            entry("POST /api/integrations/{id}/deactivate", Set.of("200")),
            entry("POST /api/integrations/test", Set.of("200")),
            entry("POST /api/integrations/{id}/test", Set.of("200")),
            entry("GET /api/integrations/{id}/history", Set.of("200")),
            entry("GET /api/integrations/{id}/provider-calls", Set.of("200")),
            entry("GET /api/audit", Set.of("200")),
            entry("GET /api/audit/export", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/serviceInfo", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/metadata", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/files", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/search", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/download", Set.of("200")),
            entry("GET /api/integrations/{id}/documents/thumbnail", Set.of("200")),
            entry("POST /api/integrations/{id}/documents/uploads", Set.of("201")),
            entry("POST /api/integrations/{id}/documents/folders", Set.of("201")),
            entry("PUT /api/integrations/{id}/documents/delete", Set.of("200")),
            entry("PUT /api/integrations/{id}/documents/rename", Set.of("200")),
            entry("GET /api/integrations/{id}/oauth2/authorize", Set.of("302", "200")),
            entry("GET /api/integrations/{id}/oauth2/connection", Set.of("200")),
            entry("DELETE /api/integrations/{id}/oauth2/connection", Set.of("204")),
            entry("GET /oauth2/callback/{id}", Set.of("200")),
            entry("GET /auth/method", Set.of("200")),
            entry("GET /api/me", Set.of("200")),
            entry("GET /api/admin/projections", Set.of("200")),
            entry("POST /api/admin/projections/{name}/replay", Set.of("202")));

    /** Open to anyone: the sign-in method, and the callback, whose single-use state says whom it is for. */
    private static final Set<String> OPEN = Set.of("GET /auth/method", "GET /oauth2/callback/{id}");

    /** The handlers that read a body. */
    private static final Set<String> WITH_BODY = Set.of(
            "POST /api/integrations",
            "PUT /api/integrations/{id}",
            "POST /api/integrations/test",
            "POST /api/integrations/{id}/test",
            "POST /api/integrations/{id}/documents/uploads");

    private JsonNode description;
    private final Map<String, JsonNode> operations = new java.util.TreeMap<>();

    @BeforeAll
    void fetchTheDescription() {
        HttpApi.Answer answer = anonymous().get("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        description = answer.json();
        description
                .path("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(operation -> operations.put(
                                operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                                operation.getValue())));
    }

    @Test
    void theDescriptionNamesItselfAndTheConfiguredServer() {
        assertThat(description.at("/info/title").asText()).isEqualTo("Integration registry");
        assertThat(description.at("/info/version").asText()).isNotBlank();
        assertThat(description.at("/info/description").asText()).contains("RFC 9457");
        assertThat(description.at("/servers/0/url").asText()).isEqualTo("https://registry.acme.example");
    }

    @Test
    void everyOperationSaysHowToSignIn() {
        assertThat(description.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(description.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(description
                        .at("/components/securitySchemes/bearer/bearerFormat")
                        .asText())
                .isEqualTo("JWT");
        operations.forEach((key, operation) -> {
            assertThat(operation.has("security")).as("%s has security", key).isTrue();
            List<String> schemes = new ArrayList<>();
            operation
                    .path("security")
                    .forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            if (OPEN.contains(key)) {
                assertThat(schemes).as("%s is open", key).isEmpty();
            } else {
                assertThat(schemes).as(key).containsExactlyInAnyOrder("basic", "bearer");
            }
        });
    }

    @Test
    void everyOperationAnswersItsRealSuccessStatus() {
        assertThat(operations.keySet())
                .as("every operation served is known here")
                .containsExactlyInAnyOrderElementsOf(SUCCESS.keySet());
        operations.forEach((key, operation) -> {
            Set<String> successes = new TreeSet<>();
            operation.path("responses").fieldNames().forEachRemaining(code -> {
                if (code.startsWith("2") || code.startsWith("3")) {
                    successes.add(code);
                }
            });
            assertThat(successes).as(key).isEqualTo(new TreeSet<>(SUCCESS.get(key)));
        });
    }

    @Test
    void everyErrorIsAProblemDetail() {
        JsonNode problem = description.at("/components/schemas/Problem/properties");
        assertThat(problem.has("type")
                        && problem.has("title")
                        && problem.has("status")
                        && problem.has("detail")
                        && problem.has("errors"))
                .as("the problem schema: %s", problem)
                .isTrue();
        operations.forEach((key, operation) -> {
            List<String> errors = new ArrayList<>();
            for (Map.Entry<String, JsonNode> response :
                    operation.path("responses").properties()) {
                if (!response.getKey().startsWith("4") && !response.getKey().startsWith("5")) {
                    continue;
                }
                errors.add(response.getKey());
                JsonNode content = response.getValue().path("content");
                if (key.equals("GET /oauth2/callback/{id}")) {
                    assertThat(content.has("text/html"))
                            .as("%s %s is a page", key, response.getKey())
                            .isTrue();
                } else {
                    assertThat(content.at("/application~1problem+json/schema/$ref")
                                    .asText())
                            .as("%s %s", key, response.getKey())
                            .isEqualTo("#/components/schemas/Problem");
                }
            }
            if (!OPEN.contains(key)) {
                assertThat(errors).as("%s names its errors", key).contains("401", "403");
            }
        });
        assertThat(operations
                        .get("PUT /api/integrations/{id}")
                        .path("responses")
                        .fieldNames())
                .toIterable()
                .contains("400", "404", "409", "412", "428", "503");
        assertThat(operations.get("POST /api/integrations").path("responses").fieldNames())
                .toIterable()
                .contains("400", "409", "422", "429", "503");
        assertThat(operations
                        .get("GET /api/integrations/{id}/documents/files")
                        .path("responses")
                        .fieldNames())
                .toIterable()
                .contains("404", "409", "413", "429", "501", "502", "503", "504");
    }

    @Test
    void everyHandlerThatReadsABodyDescribesIt() {
        operations.forEach((key, operation) -> assertThat(operation.has("requestBody"))
                .as("%s has a request body", key)
                .isEqualTo(WITH_BODY.contains(key)));
        assertThat(operations
                        .get("POST /api/integrations/test")
                        .at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/NewIntegration");
        assertThat(operations
                        .get("POST /api/integrations/{id}/test")
                        .at("/requestBody/required")
                        .asBoolean(false))
                .as("a saved integration is tested without a body too")
                .isFalse();
        assertThat(operations
                        .get("POST /api/integrations/{id}/documents/uploads")
                        .at("/requestBody/content/application~1octet-stream/schema/format")
                        .asText())
                .isEqualTo("binary");
    }

    @Test
    void theDocumentLinksSayWhereTheyLead() {
        JsonNode document = description.at("/components/schemas/DocumentResource/properties");
        assertThat(document.at("/downloadLink/description").asText())
                .contains("/api/integrations/{id}/documents/download?id=")
                .contains("percent-encoded")
                .contains("Absent for a folder");
        assertThat(document.at("/downloadLink/format").asText()).isEqualTo("uri-reference");
        assertThat(document.at("/viewLink/description").asText()).contains("passed through unchanged");
        assertThat(operations
                        .get("POST /api/integrations/test")
                        .path("description")
                        .asText())
                .contains("`serviceInfo` (optional")
                .contains("base API URL is probably wrong");
    }

    @Test
    void theOAuth2ScopesAreDescribedAsAListOfScopeTokensAsked() {
        JsonNode scopes = description.at("/components/schemas/OAuth2Input/properties/scopes");
        assertThat(scopes.path("type").asText()).isEqualTo("array");
        assertThat(scopes.path("maxItems").asInt()).isEqualTo(50);
        assertThat(scopes.path("uniqueItems").asBoolean()).isTrue();
        assertThat(scopes.path("description").asText()).contains("space-separated scope parameter");
        assertThat(scopes.at("/items/pattern").asText()).isEqualTo("^[\\x21\\x23-\\x5B\\x5D-\\x7E]+$");
        assertThat(description.at("/components/schemas/ApiKeyInput/properties").has("scopes"))
                .isFalse();
    }

    @Test
    void theAuditTrailSaysHowToReachItsFollowingPage() {
        JsonNode cursor = null;
        for (JsonNode parameter : operations.get("GET /api/audit").path("parameters")) {
            if (parameter.path("name").asText().equals("cursor")) {
                cursor = parameter;
            }
        }
        assertThat(cursor).as("the cursor parameter").isNotNull();
        assertThat(cursor.path("description").asText()).contains("next");
    }

    @Test
    void theListSaysItsSearchMatchesTheUrlAndNamesItsSortsAndDirections() {
        Map<String, JsonNode> parameters = new java.util.HashMap<>();
        operations
                .get("GET /api/integrations")
                .path("parameters")
                .forEach(parameter -> parameters.put(parameter.path("name").asText(), parameter));
        assertThat(parameters.get("q").path("description").asText()).contains("base API URL");
        assertThat(parameters.get("sort").at("/schema/enum").toString())
                .contains("\"name\"", "\"status\"", "\"updatedAt\"");
        assertThat(parameters.get("direction").at("/schema/enum").toString()).contains("\"asc\"", "\"desc\"");
    }

    @Test
    void theIntegrationReadSaysItsLastProviderCallAndHealthAndTheLogItsShape() {
        String integration = operations
                .get("GET /api/integrations/{id}")
                .at("/responses/200/content/application~1json/schema/$ref")
                .asText();
        JsonNode properties = description.at(
                "/components/schemas/" + integration.substring(integration.lastIndexOf('/') + 1) + "/properties");
        assertThat(properties.at("/health/description").asText()).contains("UNKNOWN", "FAILING", "DEGRADED");
        assertThat(properties.at("/health/enum").toString()).contains("HEALTHY");
        assertThat(properties.has("lastCall")).as("lastCall in %s", properties).isTrue();
        assertThat(operations
                        .get("GET /api/integrations/{id}")
                        .path("description")
                        .asText())
                .contains("health");
        JsonNode log = operations.get("GET /api/integrations/{id}/provider-calls");
        assertThat(log.path("description").asText()).contains("newest first").contains("never a URL");
        List<String> parameters = new ArrayList<>();
        log.path("parameters")
                .forEach(parameter -> parameters.add(parameter.path("name").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("id", "outcome", "cursor", "size");
        List<String> outcomes = new ArrayList<>();
        log.path("parameters").forEach(parameter -> {
            if (parameter.path("name").asText().equals("outcome")) {
                parameter.at("/schema/enum").forEach(value -> outcomes.add(value.asText()));
            }
        });
        assertThat(outcomes)
                .as("every outcome a call can have, as the log spells it")
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(ProviderCallOutcome.values())
                        .map(ProviderCallOutcome::label)
                        .toList());
    }
}
