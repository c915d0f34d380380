package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ProviderFailure.Kind;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A provider that implements only the core of the API (metadata, files, download, uploadInit, upload),
 * as the least capable real ones do: what each of its answers becomes.
 */
class MinimalProviderTest {

    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;
    private final ProviderCredentials credentials = Credentials.API_KEY.credentials();

    @BeforeEach
    void start() {
        fake = Credentials.API_KEY.provider().minimal();
        OutboundGuard guard = new OutboundGuard(
                OutboundPolicy.of(true, "127.0.0.1"), host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        provider = new HttpDocumentProvider(guard, ProviderHttpSettings.defaults());
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of(""));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    private static ProviderFailure failureOf(Runnable call) {
        return catchThrowableOfType(ProviderFailure.class, call::run);
    }

    @Test
    void ids_with_plus_slash_and_equals_arrive_as_sent_and_links_point_to_the_provider_itself() throws IOException {
        DocumentMetadata file = provider.metadata(endpoint, credentials, DocumentProviderStub.MINIMAL_FILE_ID);

        assertThat(file.id()).isEqualTo(DocumentProviderStub.MINIMAL_FILE_ID);
        assertThat(file.viewLink()).startsWith(fake.origin() + "/");
        assertThat(file.downloadLink()).startsWith(fake.baseApiUrl() + "/download?id=");
        assertThat(fake.last().query()).containsEntry("id", DocumentProviderStub.MINIMAL_FILE_ID);
        try (var content = provider.download(endpoint, credentials, DocumentProviderStub.MINIMAL_FILE_ID)
                .body()) {
            assertThat(content.readAllBytes()).isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(provider.files(endpoint, credentials, DocumentProviderStub.MINIMAL_FOLDER_ID, null, null))
                .isEmpty();
    }

    @Test
    void the_calls_it_does_not_offer_are_not_implemented_and_name_the_call() {
        String id = DocumentProviderStub.MINIMAL_FILE_ID;

        ProviderFailure createFolder = failureOf(() -> provider.createFolder(endpoint, credentials, "/", "Q4"));
        ProviderFailure rename = failureOf(() -> provider.rename(endpoint, credentials, id, "Other.pdf"));
        ProviderFailure delete = failureOf(
                () -> provider.delete(endpoint, credentials, new DeletionTarget(DeletionTarget.Kind.DOCUMENT, id)));
        ProviderFailure search = failureOf(() -> provider.search(endpoint, credentials, "plan", null, null, null));
        ProviderFailure thumbnail = failureOf(() -> provider.thumbnail(endpoint, credentials, id, 64));

        assertThat(createFolder.kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(createFolder.getMessage()).startsWith("the provider does not offer createFolder ");
        assertThat(rename.getMessage()).startsWith("the provider does not offer rename ");
        assertThat(delete.getMessage()).startsWith("the provider does not offer delete ");
        assertThat(search.getMessage()).startsWith("the provider does not offer search ");
        assertThat(thumbnail.getMessage()).startsWith("the provider does not offer thumbnail ");
        for (ProviderFailure failure : new ProviderFailure[] {rename, delete, search, thumbnail}) {
            assertThat(failure.kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
            assertThat(failure.providerStatus()).isEqualTo(404);
        }
    }

    @Test
    void a_missing_document_or_folder_is_not_found() {
        assertThat(failureOf(() -> provider.metadata(endpoint, credentials, "missing"))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(failureOf(() -> provider.files(endpoint, credentials, "no-such-folder", null, null))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(failureOf(() -> provider.uploadInit(
                                endpoint, credentials, new UploadTarget("no-such-folder", "a.txt", null, null)))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
        assertThat(failureOf(() -> provider.upload(
                                endpoint, credentials, "never-started", new ByteArrayInputStream(new byte[1]), 1, null))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void upload_init_answers_a_placeholder_and_a_name_taken_in_the_folder_is_a_conflict() throws Exception {
        HttpRequest init = HttpRequest.newBuilder(
                        URI.create(fake.baseApiUrl() + "/uploadInit?parentId=%2F&filename=notes.txt"))
                .header("apiKey", Credentials.KEY)
                .header("username", Credentials.USER)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(init, HttpResponse.BodyHandlers.ofString());
        JsonNode placeholder = new ObjectMapper().readTree(answer.body());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(placeholder.path("id").asText()).contains("+").contains("/").contains("=");
        assertThat(placeholder.path("dateModified").isNumber()).isTrue();
        assertThat(placeholder.path("dateModified").asLong()).isZero();
        assertThat(placeholder.path("size").asLong()).isZero();

        ProviderFailure taken = failureOf(
                () -> provider.uploadInit(endpoint, credentials, new UploadTarget("/", "notes.txt", null, null)));
        assertThat(taken.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(taken.providerStatus()).isEqualTo(409);
        assertThat(taken.providerMessage()).isEqualTo("a file named notes.txt already exists");
    }
}
