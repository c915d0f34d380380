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

/** Document answers link to this service's own download, and an upload answers the document as stored. */
class DocumentLinksApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "stub-provider-key-0123456789";
    /** An id of the kind base64 makes: every character a query string treats specially. */
    private static final String ODD_ID = "a+b/c=d==&e f";

    private static final byte[] ODD_BYTES = "%PDF odd".getBytes(StandardCharsets.US_ASCII);

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        provider.documents().putFile(ODD_ID, "Odd.pdf", "/", "application/pdf", ODD_BYTES);
        id = add(apiKeyProvider(unique("Linked drive"), provider.baseApiUrl(), "", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    private String documents(String call) {
        return "/api/integrations/" + id + "/documents/" + call;
    }

    @Test
    void downloadLinkIsTheServicesOwnDownloadAndDownloadsAnIdWithPlusSlashAndEquals() {
        provider.documents().links("https://provider.example/view/", "https://provider.example/raw/");
        JsonNode listed =
                item(documentUser().get(documents("files?parentId=%2F")).json(), ODD_ID);
        JsonNode folder =
                item(documentUser().get(documents("files?parentId=%2F")).json(), "f-1");
        JsonNode metadata = documentUser()
                .get(documents("metadata?id=a%2Bb%2Fc%3Dd%3D%3D%26e%20f"))
                .json();
        JsonNode found = item(documentUser().get(documents("search?query=odd")).json(), ODD_ID);

        String link = listed.path("downloadLink").asText();
        assertThat(link).isEqualTo("/api/integrations/" + id + "/documents/download?id=a%2Bb%2Fc%3Dd%3D%3D%26e%20f");
        assertThat(metadata.path("downloadLink").asText()).isEqualTo(link);
        assertThat(found.path("downloadLink").asText()).isEqualTo(link);
        // As the provider wrote it (the stub percent-encodes the id in its links).
        assertThat(listed.path("viewLink").asText())
                .isEqualTo("https://provider.example/view/" + URLEncoder.encode(ODD_ID, StandardCharsets.UTF_8));
        assertThat(folder.has("downloadLink")).isFalse();
        HttpApi.Answer downloaded = documentUser().get(link);
        assertThat(downloaded.status()).as(downloaded.body()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo("%PDF odd");
        assertThat(provider.received("download"))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).containsEntry("id", ODD_ID));
    }

    @Test
    void uploadAnswersTheDocumentAsStoredWithoutUploadInitsPlaceholders() {
        provider.documents().uploadInitPlaceholders(true);

        JsonNode stored = upload("hello provider");

        assertThat(stored.path("dateModified").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(stored.path("size").asLong()).isEqualTo(14);
        assertThat(provider.received())
                .extracting(DocumentProviderStub.Received::endpoint)
                .containsExactly("uploadInit", "upload", "metadata");
        HttpApi.Answer downloaded =
                documentUser().get(stored.path("downloadLink").asText());
        assertThat(downloaded.body()).isEqualTo("hello provider");
    }

    @Test
    void anUploadWhoseStoredDocumentCannotBeReadAnswersWhatIsKnownWithoutA1970Date() {
        provider.documents().uploadInitPlaceholders(true);
        provider.faults().answerNext("metadata", 500, "application/json", "{\"error\":\"busy\"}");

        JsonNode known = upload("hello provider");

        assertThat(known.path("id").asText()).startsWith("u-");
        assertThat(known.path("title").asText()).isEqualTo("notes.txt");
        assertThat(known.has("dateModified")).as(known.toString()).isFalse();
        assertThat(known.has("size")).as(known.toString()).isFalse();
        assertThat(known.path("downloadLink").asText())
                .endsWith("/documents/download?id=" + known.path("id").asText());
    }

    private JsonNode upload(String text) {
        HttpApi.Answer upload = documentUser()
                .send(
                        "POST",
                        documents("uploads?parentId=%2F&filename=notes.txt"),
                        text,
                        Map.of("Content-Type", "text/plain"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        return upload.json();
    }

    private static JsonNode item(JsonNode list, String itemId) {
        for (JsonNode item : list) {
            if (item.path("id").asText().equals(itemId)) {
                return item;
            }
        }
        throw new AssertionError("no item " + itemId + " in " + list);
    }
}
