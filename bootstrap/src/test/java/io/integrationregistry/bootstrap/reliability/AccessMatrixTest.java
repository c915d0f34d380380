package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.bootstrap.RegistryApplication;
import io.integrationregistry.bootstrap.reliability.AccessClient.Answer;
import io.integrationregistry.bootstrap.reliability.AccessClient.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.ADMIN_A;
import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.ADMIN_B;
import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.ANONYMOUS;
import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.AUDITOR_A;
import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.DOCUMENT_USER_A;
import static io.integrationregistry.bootstrap.reliability.AccessPrincipal.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, for every endpoint the running service serves. The endpoints are read from the
 * application's handler mappings ({@link AccessEndpoints}); each must have a row in {@link #rows()} (and each
 * row an endpoint), so that a new endpoint cannot be added without saying who may call it.
 *
 * <p>Each row is sent by six principals: anonymous; the administrator, the auditor and the document user of
 * company A; the administrator of company B; the operator of the service, who belongs to no company and
 * alone may run what concerns every company (the projections, the data keys, Actuator beyond health). Company A owns the integrations the rows name: an active API
 * key integration whose provider is a stub on loopback (so that document calls reach it), an OAuth2
 * integration, and a spare one that the writes change. Every answer must have the exact status of its cell;
 * every 4xx must be an RFC 9457 problem ({@code application/problem+json} with {@code type}, {@code title}
 * and the same {@code status}; the OAuth2 callback, a page for a browser, answers HTML instead); no error
 * carries a stack trace; and company B's {@code 404} on company A's integration is the very answer to an
 * id that does not exist.
 */
@SpringBootTest(classes = RegistryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
        properties = {
            "registry.outbound.allow-plain-http=true",
            "registry.outbound.allowed-private-hosts=127.0.0.1",
            "registry.outbound.read-timeout=PT5S",
            "registry.public-url=https://registry.acme.example"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {

    private static final String PROVIDER_KEY = "matrix-provider-key-0123456789";
    /** The order in which each row is sent: the one who succeeds in changing things goes last. */
    private static final List<AccessPrincipal> SENDING_ORDER =
            List.of(ANONYMOUS, ADMIN_B, AUDITOR_A, DOCUMENT_USER_A, OPERATOR, ADMIN_A);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        for (String property : AccessPrincipal.USER_PROPERTIES) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
        String folder = Files.createTempDirectory("registry-access-matrix").toString();
        registry.add("registry.embedded-mongo.path", () -> folder);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private AccessClient client;
    private DocumentProviderStub provider;
    /** Company A's active API key integration, calling the stub provider. */
    private String apiKeyId;
    /** Company A's OAuth2 integration. */
    private String oauth2Id;
    /** Company A's integration that the writes edit, activate and deactivate. */
    private String spareId;

    private String spareName;
    /** What company B's administrator is answered for an integration that does not exist. */
    private JsonNode unknownIntegration;

    /** One probe of an endpoint, with the expected status for each principal in {@link AccessPrincipal} order. */
    private record Row(String endpoint, Function<AccessPrincipal, Call> call, int[] expected, boolean htmlPages) {

        // The expected statuses are listed in the order the principals are declared in.
        @SuppressWarnings("EnumOrdinal")
        int expected(AccessPrincipal principal) {
            return expected[principal.ordinal()];
        }

        /** Its errors are HTML pages for a person in front of a browser, not problem details. */
        Row answeringPages() {
            return new Row(endpoint, call, expected, true);
        }
    }

    private static Row row(
            String endpoint,
            Function<AccessPrincipal, Call> call,
            int anonymous,
            int adminA,
            int auditorA,
            int documentUserA,
            int adminB,
            int operator) {
        return new Row(endpoint, call, new int[] {anonymous, adminA, auditorA, documentUserA, adminB, operator}, false);
    }

    private static Row row(
            String endpoint,
            Call call,
            int anonymous,
            int adminA,
            int auditorA,
            int documentUserA,
            int adminB,
            int operator) {
        return row(endpoint, principal -> call, anonymous, adminA, auditorA, documentUserA, adminB, operator);
    }

    /**
     * The expectation table. Columns: anonymous, admin A, auditor A, document user A, admin B, operator.
     * Several rows may probe one endpoint.
     */
    // A principal's ordinal only makes each principal's edit of the spare integration a different one.
    @SuppressWarnings("EnumOrdinal")
    private List<Row> rows() {
        String integration = "/api/integrations/" + apiKeyId;
        String spare = "/api/integrations/" + spareId;
        String oauth2 = "/api/integrations/" + oauth2Id;
        String documents = integration + "/documents/";
        return List.of(
                // the admin page, its files, the API description
                row("GET /", Call.get("/").header("Accept", "text/html"), 200, 200, 200, 200, 200, 200),
                row("GET /**", Call.get("/assets/app.js"), 200, 200, 200, 200, 200, 200),
                row("GET /**", Call.get("/index.html"), 200, 200, 200, 200, 200, 200),
                row("GET /**", Call.get("/assets/no-such-file.js"), 404, 404, 404, 404, 404, 404),
                row("GET /webjars/**", Call.get("/webjars/swagger-ui/index.html"), 401, 403, 403, 403, 403, 403),
                row("GET /swagger-ui*/**", Call.get("/swagger-ui/index.html"), 200, 200, 200, 200, 200, 200),
                row(
                        "GET /swagger-ui*/*swagger-initializer.js",
                        Call.get("/swagger-ui/swagger-initializer.js"),
                        200,
                        200,
                        200,
                        200,
                        200,
                        200),
                row("GET /swagger-ui.html", Call.get("/swagger-ui.html"), 302, 302, 302, 302, 302, 302),
                row("GET /v3/api-docs", Call.get("/v3/api-docs"), 200, 200, 200, 200, 200, 200),
                row("GET /v3/api-docs.yaml", Call.get("/v3/api-docs.yaml"), 200, 200, 200, 200, 200, 200),
                row(
                        "GET /v3/api-docs/swagger-config",
                        Call.get("/v3/api-docs/swagger-config"),
                        200,
                        200,
                        200,
                        200,
                        200,
                        200),
                row("* /error", Call.get("/error"), 404, 404, 404, 404, 404, 404),
                row("* /error", Call.of("POST", "/error").header("Accept", "text/html"), 404, 404, 404, 404, 404, 404),
                // sign-in
                row("GET /auth/method", Call.get("/auth/method"), 200, 200, 200, 200, 200, 200),
                row("GET /api/me", Call.get("/api/me"), 401, 200, 200, 200, 200, 403),
                // the integrations
                row("GET /api/integrations", Call.get("/api/integrations"), 401, 200, 200, 200, 200, 403),
                row(
                        "POST /api/integrations",
                        principal -> Call.of("POST", "/api/integrations")
                                .json(apiKeyBody("Added by " + principal.name() + " " + UUID.randomUUID(), true)),
                        401,
                        201,
                        403,
                        403,
                        201,
                        403),
                row(
                        "POST /api/integrations/reservations",
                        Call.of("POST", "/api/integrations/reservations"),
                        401,
                        201,
                        403,
                        403,
                        201,
                        403),
                row("GET /api/integrations/{id}", Call.get(integration), 401, 200, 200, 200, 404, 403),
                row("GET /api/integrations/{id}", Call.get(integration + "?version=0"), 401, 200, 200, 403, 404, 403),
                row(
                        "GET /api/integrations/{id}",
                        Call.get(integration + "?asOf=2999-01-01T00:00:00Z"),
                        401,
                        200,
                        200,
                        403,
                        404,
                        403),
                row(
                        "PUT /api/integrations/{id}",
                        principal -> Call.of("PUT", spare)
                                .json(apiKeyBody(spareName, null)
                                        .replace(
                                                "\"requestParameters\": \"\"",
                                                "\"requestParameters\": \"edit=" + principal.ordinal() + "\""))
                                .header("If-Match", etag(spareId)),
                        401,
                        200,
                        403,
                        403,
                        404,
                        403),
                row(
                        "POST /api/integrations/{id}/activate",
                        Call.of("POST", spare + "/activate"),
                        401,
                        200,
                        403,
                        403,
                        404,
                        403),
                row(
                        "POST /api/integrations/{id}/deactivate",
                        Call.of("POST", spare + "/deactivate"),
                        401,
                        200,
                        403,
                        403,
                        404,
                        403),
                row(
                        "POST /api/integrations/test",
                        Call.of("POST", "/api/integrations/test").json(apiKeyBody("Typed", null)),
                        401,
                        200,
                        403,
                        403,
                        200,
                        403),
                row(
                        "POST /api/integrations/{id}/test",
                        Call.of("POST", integration + "/test"),
                        401,
                        200,
                        403,
                        403,
                        404,
                        403),
                // the audit trail
                row(
                        "GET /api/integrations/{id}/history",
                        Call.get(integration + "/history"),
                        401,
                        200,
                        200,
                        403,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/provider-calls",
                        Call.get(integration + "/provider-calls"),
                        401,
                        200,
                        200,
                        403,
                        404,
                        403),
                row("GET /api/audit", Call.get("/api/audit?integrationId=" + apiKeyId), 401, 200, 200, 403, 200, 403),
                row("GET /api/audit/export", Call.get("/api/audit/export?format=ndjson"), 401, 200, 200, 403, 200, 403),
                // the provider's documents through the active integration
                row(
                        "GET /api/integrations/{id}/documents/serviceInfo",
                        Call.get(documents + "serviceInfo"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/metadata",
                        Call.get(documents + "metadata?id=d-1"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/files",
                        Call.get(documents + "files?parentId=%2F"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/search",
                        Call.get(documents + "search?query=plan&parentId=%2F"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/download",
                        Call.get(documents + "download?id=d-1"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/thumbnail",
                        Call.get(documents + "thumbnail?id=d-1&size=64"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "POST /api/integrations/{id}/documents/uploads",
                        Call.of("POST", documents + "uploads?parentId=%2F&filename=notes.txt")
                                .body("text/plain", "hello provider"),
                        401,
                        201,
                        403,
                        201,
                        404,
                        403),
                row(
                        "POST /api/integrations/{id}/documents/folders",
                        Call.of("POST", documents + "folders?parentId=%2F&name=Q4"),
                        401,
                        201,
                        403,
                        201,
                        404,
                        403),
                row(
                        "PUT /api/integrations/{id}/documents/delete",
                        principal -> Call.of("PUT", documents + "delete?folderId=" + newFolder()),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "PUT /api/integrations/{id}/documents/rename",
                        Call.of("PUT", documents + "rename?id=d-1&name=Plan.pdf"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/documents/search",
                        Call.get(documents + "search?max=-1"),
                        401,
                        400,
                        403,
                        400,
                        400,
                        403),
                // connecting a user's account to an OAuth2 integration
                row(
                        "GET /api/integrations/{id}/oauth2/authorize [any]",
                        Call.get(oauth2 + "/oauth2/authorize").header("Accept", "text/html"),
                        401,
                        302,
                        403,
                        302,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/oauth2/authorize [application/json]",
                        Call.get(oauth2 + "/oauth2/authorize").header("Accept", "application/json"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/oauth2/authorize [application/json]",
                        Call.get(integration + "/oauth2/authorize").header("Accept", "application/json"),
                        401,
                        409,
                        403,
                        409,
                        404,
                        403),
                row(
                        "GET /api/integrations/{id}/oauth2/connection",
                        Call.get(oauth2 + "/oauth2/connection"),
                        401,
                        200,
                        403,
                        200,
                        404,
                        403),
                row(
                        "DELETE /api/integrations/{id}/oauth2/connection",
                        Call.of("DELETE", oauth2 + "/oauth2/connection"),
                        401,
                        204,
                        403,
                        204,
                        404,
                        403),
                row(
                                "GET /oauth2/callback/{id}",
                                Call.get("/oauth2/callback/" + oauth2Id + "?code=c&state=forged"),
                                400,
                                400,
                                400,
                                400,
                                400,
                                400)
                        .answeringPages(),
                row(
                                "GET /oauth2/callback/{id}",
                                Call.get("/oauth2/callback/" + UUID.randomUUID() + "?code=c&state=forged"),
                                400,
                                400,
                                400,
                                400,
                                400,
                                400)
                        .answeringPages(),
                // operations: every company's read models, keys and figures are the operator's alone
                row("GET /api/admin/projections", Call.get("/api/admin/projections"), 401, 403, 403, 403, 403, 200),
                row(
                        "POST /api/admin/projections/{name}/replay",
                        Call.of("POST", "/api/admin/projections/no-such-projection/replay"),
                        401,
                        403,
                        403,
                        403,
                        403,
                        400),
                row("GET /actuator", Call.get("/actuator"), 401, 403, 403, 403, 403, 200),
                row("GET /actuator/health", Call.get("/actuator/health"), 200, 200, 200, 200, 200, 200),
                row("GET /actuator/health/**", Call.get("/actuator/health/liveness"), 200, 200, 200, 200, 200, 200),
                row("GET /actuator/info", Call.get("/actuator/info"), 200, 200, 200, 200, 200, 200),
                row("GET /actuator/metrics", Call.get("/actuator/metrics"), 401, 403, 403, 403, 403, 200),
                row(
                        "GET /actuator/metrics/{requiredMetricName}",
                        Call.get("/actuator/metrics/jvm.threads.live"),
                        401,
                        403,
                        403,
                        403,
                        403,
                        200),
                row("GET /actuator/prometheus", Call.get("/actuator/prometheus"), 401, 403, 403, 403, 403, 200),
                row("GET /actuator/projections", Call.get("/actuator/projections"), 401, 403, 403, 403, 403, 200),
                row("GET /actuator/datakeys", Call.get("/actuator/datakeys"), 401, 403, 403, 403, 403, 200),
                row("POST /actuator/datakeys", Call.of("POST", "/actuator/datakeys"), 401, 403, 403, 403, 403, 200));
    }

    @BeforeAll
    void companyAOwnsTheIntegrations() {
        client = new AccessClient(port);
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        apiKeyId = add(apiKeyBody("Matrix drive " + UUID.randomUUID(), true));
        oauth2Id = add("""
                {"name": "Matrix OAuth2 %s", "baseApiUrl": "%s", "active": true,
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/authorize",
                   "tokenEndpointUrl": "https://auth.acme.example/token", "clientId": "registry-client",
                   "clientSecret": "oauth-client-secret-0123456789"}}""".formatted(UUID.randomUUID(), provider.baseApiUrl()));
        spareName = "Matrix spare " + UUID.randomUUID();
        spareId = add(apiKeyBody(spareName, true));
        Answer unknown = client.send(ADMIN_B, Call.get("/api/integrations/" + UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
        unknownIntegration = unknown.json();
    }

    @AfterAll
    void stopTheProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void every_endpoint_answers_each_principal_as_the_table_says() {
        List<Row> rows = rows();
        Set<String> served = AccessEndpoints.of(context);
        Set<String> expected = new TreeSet<>();
        rows.forEach(row -> expected.add(row.endpoint()));
        Set<String> withoutRow = new TreeSet<>(served);
        withoutRow.removeAll(expected);
        Set<String> withoutEndpoint = new TreeSet<>(expected);
        withoutEndpoint.removeAll(served);

        List<String> failures = new ArrayList<>();
        int cells = 0;
        for (Row row : rows) {
            for (AccessPrincipal principal : SENDING_ORDER) {
                Call call = row.call().apply(principal);
                Answer answer = client.send(principal, call);
                cells++;
                check(row, principal, call, answer).ifPresent(failures::add);
            }
        }
        withoutRow.forEach(endpoint -> failures.add("served but not in the table: " + endpoint));
        withoutEndpoint.forEach(endpoint -> failures.add("in the table but not served: " + endpoint));

        System.out.printf(
                "RELIABILITY access: endpoints=%d principals=%d rows=%d cells=%d failures=%d%n",
                served.size(), AccessPrincipal.values().length, rows.size(), cells, failures.size());
        assertThat(failures).as("served endpoints: %s", served).isEmpty();
    }

    @Test
    void a_request_rejected_before_any_controller_is_answered_with_a_problem_detail() {
        Answer rejected = client.send(
                ANONYMOUS, Call.get("/api/integrations;jsessionid=forged").header("Accept", "text/html"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.header("Content-Type")).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(rejected.json().path("type").asText()).isEqualTo("/problems/request-rejected");
        assertThat(rejected.json().path("status").asInt()).isEqualTo(400);
        assertThat(rejected.body()).doesNotContain("Exception", "Whitelabel", "trace");
    }

    /** What is wrong with one cell's answer, if anything. */
    private Optional<String> check(Row row, AccessPrincipal principal, Call call, Answer answer) {
        String cell = row.endpoint() + " | " + call + " as " + principal + ": ";
        int expected = row.expected(principal);
        if (answer.status() != expected) {
            return Optional.of(
                    cell + "expected " + expected + " but was " + answer.status() + " " + abbreviate(answer.body()));
        }
        if (answer.status() >= 400
                && (answer.body().contains("Exception") || answer.body().contains("\tat "))) {
            return Optional.of(cell + "the error shows the service's insides: " + abbreviate(answer.body()));
        }
        if (answer.status() < 400 || answer.status() >= 500) {
            return Optional.empty();
        }
        String contentType = answer.header("Content-Type");
        if (row.htmlPages()) {
            return contentType != null && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.TEXT_HTML)
                    ? Optional.empty()
                    : Optional.of(cell + "expected an HTML page but was " + contentType);
        }
        if (contentType == null
                || !MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            return Optional.of(cell + "expected application/problem+json but was " + contentType + " "
                    + abbreviate(answer.body()));
        }
        JsonNode problem = answer.json();
        if (problem.path("type").asText().isBlank()
                || problem.path("title").asText().isBlank()
                || problem.path("status").asInt() != answer.status()) {
            return Optional.of(cell + "not a complete problem detail: " + abbreviate(answer.body()));
        }
        if (principal == ADMIN_B && answer.status() == 404 && row.endpoint().contains("/api/integrations/{id}")) {
            Map<String, String> seen = problemWords(problem);
            Map<String, String> unknown = problemWords(unknownIntegration);
            if (!seen.equals(unknown)) {
                return Optional.of(
                        cell + "another company's integration is answered " + seen + ", an unknown one " + unknown);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> problemWords(JsonNode problem) {
        Map<String, String> words = new LinkedHashMap<>();
        for (String field : List.of("type", "title", "status", "detail")) {
            words.put(field, problem.path(field).asText());
        }
        return words;
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private String add(String body) {
        Answer added = client.send(ADMIN_A, Call.of("POST", "/api/integrations").json(body));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().path("id").asText();
    }

    private String etag(String id) {
        return client.send(ADMIN_A, Call.get("/api/integrations/" + id)).header("ETag");
    }

    /** A new folder at the provider, made through the service by company A's administrator. */
    private String newFolder() {
        Answer folder = client.send(
                ADMIN_A,
                Call.of("POST", "/api/integrations/" + apiKeyId + "/documents/folders?parentId=%2F&name=To+delete"));
        assertThat(folder.status()).as(folder.body()).isEqualTo(201);
        return folder.json().path("id").asText();
    }

    private String apiKeyBody(String name, Boolean active) {
        return """
                {"name": "%s", "baseApiUrl": "%s", "requestParameters": "",%s
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(
                name, provider.baseApiUrl(), active == null ? "" : " \"active\": " + active + ",", PROVIDER_KEY);
    }
}
