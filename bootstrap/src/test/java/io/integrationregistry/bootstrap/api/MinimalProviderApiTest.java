package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an administrator and a document user meet with a provider that implements only the core of the
 * Document Webhooks API: no serviceInfo, HTML 404s for everything else, dates in epoch milliseconds,
 * a placeholder from uploadInit, 409 for a name already taken, ids holding '+', '/' and '=', and links
 * to its own host.
 */
class MinimalProviderApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "stub-provider-key-0123456789";

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheMinimalProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        provider.minimal();
        id = add(apiKeyProvider(unique("Minimal drive"), provider.baseApiUrl(), "", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    @Test
    void theConnectionTestPassesWithoutServiceInfo() {
        HttpApi.Answer tested = alice().post("/api/integrations/" + id + "/test", "");

        assertThat(tested.status()).as(tested.body()).isEqualTo(200);
        JsonNode report = tested.json();
        assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.at("/steps/0/name").asText()).isEqualTo("reachable");
        assertThat(report.at("/steps/0/outcome").asText()).isEqualTo("PASSED");
        assertThat(report.at("/steps/1/name").asText()).isEqualTo("serviceInfo");
        assertThat(report.at("/steps/1/outcome").asText()).isEqualTo("SKIPPED");
        assertThat(provider.received("serviceInfo"))
                .singleElement()
                .satisfies(request -> assertThat(request.header("apiKey")).isEqualTo(PROVIDER_KEY));
    }

    @Test
    void anUploadAnswersTheStoredFileWhoseLinkDownloadsItAndASecondOfTheSameNameIsAConflict() {
        String content = "x".repeat(200 * 1024);

        HttpApi.Answer uploaded = upload("report.txt", content);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        JsonNode stored = uploaded.json();
        String documentId = stored.path("id").asText();
        assertThat(documentId).contains("+").contains("/").contains("=");
        assertThat(stored.path("size").asLong()).isEqualTo(content.length());
        assertThat(stored.path("dateModified").asText()).isNotEmpty().doesNotStartWith("1970");
        assertThat(stored.path("downloadLink").asText())
                .isEqualTo("/api/integrations/" + id + "/documents/download?id="
                        + URLEncoder.encode(documentId, StandardCharsets.UTF_8));
        HttpApi.Answer downloaded =
                documentUser().get(stored.path("downloadLink").asText());
        assertThat(downloaded.status()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(content);

        HttpApi.Answer again = upload("report.txt", "other");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).endsWith("/provider-conflict");
        assertThat(again.json().path("providerStatus").asInt()).isEqualTo(409);
    }

    @Test
    void listedFilesHaveTheirEpochMillisecondDatesAndTheServicesLinksAndFoldersCannotBeMade() {
        JsonNode root = documentUser()
                .get("/api/integrations/" + id + "/documents/files?parentId=%2F")
                .json();
        JsonNode file = null;
        for (JsonNode item : root) {
            if (item.path("id").asText().equals(DocumentProviderStub.MINIMAL_FILE_ID)) {
                file = item;
            }
        }
        assertThat(file).as(root.toString()).isNotNull();
        assertThat(file.path("dateModified").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT.*Z")
                .doesNotStartWith("1970");
        assertThat(file.path("downloadLink").asText())
                .startsWith("/api/integrations/" + id + "/documents/download?id=");
        assertThat(file.path("viewLink").asText()).startsWith(provider.origin() + "/view/");

        HttpApi.Answer folder =
                documentUser().post("/api/integrations/" + id + "/documents/folders?parentId=%2F&name=Q4", "");
        assertThat(folder.status()).as(folder.body()).isEqualTo(501);
        assertThat(folder.json().path("type").asText()).endsWith("/provider-not-implemented");
        assertThat(folder.json().path("detail").asText()).contains("createFolder");
    }

    private HttpApi.Answer upload(String filename, String content) {
        return documentUser()
                .send(
                        "POST",
                        "/api/integrations/" + id + "/documents/uploads?parentId=%2F&filename=" + filename,
                        content,
                        Map.of("Content-Type", "text/plain"));
    }
}
