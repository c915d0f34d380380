package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service answers its client, over real HTTP, for each way a provider call can fail: the
 * provider's refusal keeps its meaning (400, 404, 409, 413, 429 with its Retry-After, 501 for a call it
 * does not offer), and a broken, absent or slow provider is a gateway failure (502, 504). Each answer is a
 * problem detail with the provider's status.
 */
class ProviderFailureMappingApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "mapping-provider-key-0123456789";
    private static final String HTML_404 = "<html><head><title>404 Not Found</title></head><body></body></html>";

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        id = add(apiKeyProvider(unique("Mapped drive"), provider.baseApiUrl(), "", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    private static String documents(String integration, String call) {
        return "/api/integrations/" + integration + "/documents/" + call;
    }

    private String documents(String call) {
        return documents(id, call);
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Asserts a problem detail of this status and type that keeps the provider's status, and answers it. */
    private static JsonNode assertProblem(HttpApi.Answer answer, int status, String type, int providerStatus) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("type").asText()).isEqualTo("/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        if (providerStatus == 0) {
            assertThat(problem.has("providerStatus")).as("no providerStatus").isFalse();
        } else {
            assertThat(problem.path("providerStatus").asInt()).isEqualTo(providerStatus);
        }
        return problem;
    }

    /** A minimal provider (the core calls only) behind an integration of its own; answers the integration. */
    private String minimalProvider(DocumentProviderStub minimal) {
        minimal.minimal();
        return add(apiKeyProvider(unique("Minimal drive"), minimal.baseApiUrl(), "", PROVIDER_KEY));
    }

    @Test
    void aProvider400AnswersProviderRejectedRequest() {
        provider.faults().failNext("metadata", 400, "id is malformed");

        JsonNode problem =
                assertProblem(documentUser().get(documents("metadata?id=d-1")), 400, "provider-rejected-request", 400);

        assertThat(problem.path("providerMessage").asText()).isEqualTo("id is malformed");
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void aProviderRefusingTheCredentialsAnswers502ProviderRefusedCredentials(int status) {
        provider.faults().failNext("files", status, "who are you");

        JsonNode problem =
                assertProblem(documentUser().get(documents("files")), 502, "provider-refused-credentials", status);

        assertThat(problem.path("providerMessage").asText()).isEqualTo("who are you");
    }

    @Test
    void aProvider404OfACoreCallAnswersProviderNotFoundWhateverItsBody() {
        JsonNode missing =
                assertProblem(documentUser().get(documents("metadata?id=missing")), 404, "provider-not-found", 404);
        assertThat(missing.path("providerMessage").asText()).isEqualTo("no document missing");

        provider.faults().answerNext("download", 404, "text/html", HTML_404);
        assertProblem(documentUser().get(documents("download?id=gone")), 404, "provider-not-found", 404);
    }

    @Test
    void aProvider404WithItsJsonErrorOnAnOptionalCallNamingADocumentAnswersProviderNotFound() {
        assertProblem(documentUser().get(documents("thumbnail?id=missing&size=64")), 404, "provider-not-found", 404);
    }

    @Test
    void aMinimalProvider404OfAFolderOrUploadTargetAnswersProviderNotFound() {
        try (DocumentProviderStub minimal = DocumentProviderStub.withApiKey(PROVIDER_KEY)) {
            String integration = minimalProvider(minimal);

            assertProblem(
                    documentUser().get(documents(integration, "files?parentId=no-such-folder")),
                    404,
                    "provider-not-found",
                    404);
            assertProblem(
                    documentUser()
                            .send(
                                    "POST",
                                    documents(integration, "uploads?parentId=no-such-folder&filename=a.txt"),
                                    "hello",
                                    Map.of("Content-Type", "text/plain")),
                    404,
                    "provider-not-found",
                    404);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "serviceInfo, GET, serviceInfo",
        "search, GET, search?query=plan",
        "thumbnail, GET, thumbnail?id=ZG9j%2BdW1l%2FbnQ%3D&size=64",
        "createFolder, POST, folders?parentId=%2F&name=Q4",
        "rename, PUT, rename?id=ZG9j%2BdW1l%2FbnQ%3D&name=Other.pdf",
        "delete, PUT, delete?documentId=ZG9j%2BdW1l%2FbnQ%3D"
    })
    void aCallTheMinimalProviderDoesNotOfferAnswers501NamingTheCall(String call, String method, String path) {
        try (DocumentProviderStub minimal = DocumentProviderStub.withApiKey(PROVIDER_KEY)) {
            String integration = minimalProvider(minimal);

            JsonNode problem = assertProblem(
                    documentUser().send(method, documents(integration, path), null, Map.of()),
                    501,
                    "provider-not-implemented",
                    404);

            assertThat(problem.path("detail").asText()).startsWith("the provider does not offer " + call + " ");
            assertThat(minimal.documents().titleOf(DocumentProviderStub.MINIMAL_FILE_ID))
                    .isEqualTo("Plan.pdf");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {405, 501})
    void aProvider405Or501AnswersProviderNotImplementedNamingTheCall(int status) {
        provider.faults().failNext("search", status, "not here");

        JsonNode problem =
                assertProblem(documentUser().get(documents("search?query=x")), 501, "provider-not-implemented", status);

        assertThat(problem.path("detail").asText()).startsWith("the provider does not offer search ");
        assertThat(problem.path("providerMessage").asText()).isEqualTo("not here");
    }

    @Test
    void aDuplicateUploadToAMinimalProviderAnswers409ProviderConflict() {
        try (DocumentProviderStub minimal = DocumentProviderStub.withApiKey(PROVIDER_KEY)) {
            String integration = minimalProvider(minimal);
            String upload = documents(integration, "uploads?parentId=%2F&filename=notes.txt");
            Map<String, String> text = Map.of("Content-Type", "text/plain");

            HttpApi.Answer first = documentUser().send("POST", upload, "first", text);
            HttpApi.Answer second = documentUser().send("POST", upload, "second", text);

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            JsonNode problem = assertProblem(second, 409, "provider-conflict", 409);
            assertThat(problem.path("providerMessage").asText()).isEqualTo("a file named notes.txt already exists");
            assertThat(minimal.received("upload")).hasSize(1);
            assertThat(minimal.contentOf(first.json().path("id").asText()))
                    .isEqualTo("first".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aProvider413AnswersProviderPayloadTooLarge() {
        provider.faults().failNext("upload", 413, "files up to 1 MB");

        HttpApi.Answer answer = documentUser()
                .send(
                        "POST",
                        documents("uploads?parentId=%2F&filename=big.bin"),
                        "pretend this is large",
                        Map.of("Content-Type", "application/octet-stream"));

        JsonNode problem = assertProblem(answer, 413, "provider-payload-too-large", 413);
        assertThat(problem.path("providerMessage").asText()).isEqualTo("files up to 1 MB");
    }

    @Test
    void aProvider429AnswersProviderRateLimitedWithItsRetryAfterInSeconds() {
        provider.faults().rateLimitNext("files", "7");

        HttpApi.Answer answer = documentUser().get(documents("files"));

        assertProblem(answer, 429, "provider-rate-limited", 429);
        assertThat(answer.header("Retry-After")).isEqualTo("7");
    }

    @Test
    void aProvider429WithAnHttpDateAnswersTheSecondsUntilIt() {
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        provider.faults().rateLimitNext("metadata", inAMinute);

        HttpApi.Answer answer = documentUser().get(documents("metadata?id=d-1"));

        assertProblem(answer, 429, "provider-rate-limited", 429);
        assertThat(Integer.parseInt(answer.header("Retry-After"))).isBetween(55, 61);
    }

    @Test
    void aProvider429WithoutRetryAfterAnswersOneSecond() {
        provider.faults().rateLimitNext("download", null);

        HttpApi.Answer answer = documentUser().get(documents("download?id=d-1"));

        assertProblem(answer, 429, "provider-rate-limited", 429);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 503})
    void aProviderServerErrorAnswers502ProviderError(int status) {
        provider.faults().failNext("metadata", status, "backend down");

        HttpApi.Answer answer = documentUser().get(documents("metadata?id=d-1"));

        JsonNode problem = assertProblem(answer, 502, "provider-error", status);
        assertThat(problem.path("providerMessage").asText()).isEqualTo("backend down");
        assertThat(answer.header("Retry-After")).isNull();
    }

    @Test
    void anUnreachableProviderAnswers502ProviderUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere =
                add(apiKeyProvider(unique("Gone drive"), "http://127.0.0.1:" + closedPort + "/api", "", PROVIDER_KEY));

        assertProblem(documentUser().get(documents(nowhere, "files")), 502, "provider-unreachable", 0);
    }

    @Test
    void aProviderSlowerThanTheReadTimeoutAnswers504ProviderTimeout() {
        provider.faults().delayNext("metadata", java.time.Duration.ofMillis(2_500));

        assertProblem(documentUser().get(documents("metadata?id=d-1")), 504, "provider-timeout", 0);
    }

    @Test
    void idsWithPlusSlashAndEqualsRoundTripThroughMetadataAndDownload() {
        try (DocumentProviderStub minimal = DocumentProviderStub.withApiKey(PROVIDER_KEY)) {
            String integration = minimalProvider(minimal);
            String fileId = DocumentProviderStub.MINIMAL_FILE_ID;

            HttpApi.Answer listed = documentUser().get(documents(integration, "files?parentId=%2F"));
            HttpApi.Answer metadata = documentUser().get(documents(integration, "metadata?id=" + encoded(fileId)));
            HttpApi.Answer download = documentUser().get(documents(integration, "download?id=" + encoded(fileId)));
            HttpApi.Answer folder = documentUser()
                    .get(documents(integration, "files?parentId=" + encoded(DocumentProviderStub.MINIMAL_FOLDER_ID)));

            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            assertThat(listed.json().findValuesAsText("id"))
                    .containsExactlyInAnyOrder(fileId, DocumentProviderStub.MINIMAL_FOLDER_ID);
            assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
            assertThat(metadata.json().path("id").asText()).isEqualTo(fileId);
            assertThat(download.status()).as(download.body()).isEqualTo(200);
            assertThat(download.body()).isEqualTo("%PDF");
            assertThat(folder.status()).as(folder.body()).isEqualTo(200);
            assertThat(minimal.received("metadata").get(0).query()).containsEntry("id", fileId);
            assertThat(minimal.received("download").get(0).query()).containsEntry("id", fileId);
        }
    }
}
