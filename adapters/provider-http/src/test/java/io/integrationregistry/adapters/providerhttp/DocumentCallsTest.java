package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import fixtures.providers.DocumentProviderStub.Received;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Every call of the Document Webhooks API against a provider on loopback, with both kinds of credentials. */
class DocumentCallsTest {

    private static final Map<String, String> REQUEST_PARAMETERS = Map.of("tenant", "acme", "x", "1");

    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;

    private void start(Credentials credentials) throws IOException {
        fake = credentials.provider();
        OutboundGuard guard = new OutboundGuard(
                OutboundPolicy.of(true, "127.0.0.1"), host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
        provider = new HttpDocumentProvider(guard, ProviderHttpSettings.defaults());
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of("tenant=acme&x=1"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void every_call_uses_its_method_and_endpoint_and_carries_the_request_parameters_and_the_credentials(
            Credentials credentials) throws IOException {
        start(credentials);
        ProviderCredentials given = credentials.credentials();

        provider.metadata(endpoint, given, "doc-1");
        provider.files(endpoint, given, "/", 10, 0);
        provider.search(endpoint, given, "offer", "/", 10, 0);
        try (ProviderContent content = provider.download(endpoint, given, "doc-1")) {
            content.body().readAllBytes();
        }
        try (ProviderContent content = provider.thumbnail(endpoint, given, "doc-1", 128)) {
            content.body().readAllBytes();
        }
        DocumentMetadata created = provider.uploadInit(endpoint, given, new UploadTarget("/", "a.txt", "d-1", "v-1"));
        provider.upload(endpoint, given, created.id(), new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "text/plain");
        DocumentMetadata folder = provider.createFolder(endpoint, given, "/", "New");
        provider.rename(endpoint, given, created.id(), "b.txt");
        provider.delete(endpoint, given, new DeletionTarget(DeletionTarget.Kind.DOCUMENT, created.id()));
        provider.delete(endpoint, given, new DeletionTarget(DeletionTarget.Kind.FOLDER, folder.id()));

        List<Received> requests = fake.received();
        assertThat(requests)
                .extracting(request -> request.method() + " " + request.endpoint())
                .containsExactly(
                        "GET metadata",
                        "GET files",
                        "GET search",
                        "GET download",
                        "GET thumbnail",
                        "POST uploadInit",
                        "PUT upload",
                        "POST createFolder",
                        "PUT rename",
                        "PUT delete",
                        "PUT delete");
        for (Received request : requests) {
            assertThat(request.query()).containsAllEntriesOf(REQUEST_PARAMETERS);
            if (credentials == Credentials.API_KEY) {
                assertThat(request.header("apiKey")).isEqualTo(Credentials.KEY);
                assertThat(request.header("username")).isEqualTo(Credentials.USER);
                assertThat(request.header("Authorization")).isNull();
            } else {
                assertThat(request.header("Authorization")).isEqualTo("Bearer " + Credentials.TOKEN);
                assertThat(request.header("apiKey")).isNull();
                assertThat(request.header("username")).isNull();
            }
            assertThat(request.header("Cookie")).isNull();
        }
        assertThat(requests.get(0).query())
                .containsExactly(entry("tenant", "acme"), entry("x", "1"), entry("id", "doc-1"));
        assertThat(requests.get(1).query()).contains(entry("parentId", "/"), entry("max", "10"), entry("offset", "0"));
        assertThat(requests.get(2).query())
                .contains(entry("query", "offer"), entry("parentId", "/"), entry("max", "10"), entry("offset", "0"));
        assertThat(requests.get(3).query()).contains(entry("id", "doc-1"));
        assertThat(requests.get(4).query()).contains(entry("id", "doc-1"), entry("size", "128"));
        assertThat(requests.get(5).query())
                .contains(
                        entry("parentId", "/"),
                        entry("filename", "a.txt"),
                        entry("documentId", "d-1"),
                        entry("documentVersionId", "v-1"));
        assertThat(requests.get(6).query()).contains(entry("id", created.id()));
        assertThat(requests.get(6).header("Content-Type")).startsWith("text/plain");
        assertThat(requests.get(7).query()).contains(entry("parentId", "/"), entry("name", "New"));
        assertThat(requests.get(8).query()).contains(entry("id", created.id()), entry("name", "b.txt"));
        assertThat(requests.get(9).query())
                .contains(entry("documentId", created.id()))
                .doesNotContainKey("folderId");
        assertThat(requests.get(10).query())
                .contains(entry("folderId", folder.id()))
                .doesNotContainKey("documentId");
        assertThat(requests.subList(0, 3))
                .allSatisfy(request -> assertThat(request.header("Accept")).isEqualTo("application/json"));
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void service_info_carries_the_credentials_like_every_call(Credentials credentials) throws IOException {
        start(credentials);
        fake.documents().serviceInfo("""
                {"webhookVersion":"1.0","version":"2.3.4","publisher":"Fake DMS",
                 "availableEndpoints":["metadata","files","search","download","thumbnail","uploadInit",
                   "upload","createFolder","delete","rename","serviceInfo"],
                 "customActions":[{"name":"approve","label":"Approve","parameters":{"level":2}}],
                 "supportsWebhooks":true}""");

        ServiceInfo info = provider.serviceInfo(endpoint, credentials.credentials());

        assertThat(info.webhookVersion()).isEqualTo("1.0");
        assertThat(info.version()).isEqualTo("2.3.4");
        assertThat(info.publisher()).isEqualTo("Fake DMS");
        assertThat(info.availableEndpoints()).hasSize(11).contains("metadata", "uploadInit", "serviceInfo");
        assertThat(info.customActions())
                .singleElement()
                .isEqualTo(Map.of("name", "approve", "label", "Approve", "parameters", Map.of("level", 2)));
        Received request = fake.last();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.endpoint()).isEqualTo("serviceInfo");
        assertThat(request.query()).isEqualTo(REQUEST_PARAMETERS);
        if (credentials == Credentials.API_KEY) {
            assertThat(request.header("apiKey")).isEqualTo(Credentials.KEY);
            assertThat(request.header("username")).isEqualTo(Credentials.USER);
        } else {
            assertThat(request.header("Authorization")).isEqualTo("Bearer " + Credentials.TOKEN);
        }
    }

    @Test
    void a_cookie_a_provider_sets_is_never_sent_back() throws IOException {
        start(Credentials.API_KEY);
        fake.faults().setCookies(true);

        provider.metadata(endpoint, Credentials.API_KEY.credentials(), "doc-1");
        provider.metadata(endpoint, Credentials.API_KEY.credentials(), "doc-2");
        provider.serviceInfo(endpoint, Credentials.API_KEY.credentials());

        assertThat(fake.received())
                .allSatisfy(request -> assertThat(request.header("Cookie")).isNull());
    }

    @Test
    void metadata_is_read_into_the_record() throws IOException {
        start(Credentials.API_KEY);

        DocumentMetadata offer = provider.metadata(endpoint, Credentials.API_KEY.credentials(), "doc-1");

        assertThat(offer)
                .isEqualTo(new DocumentMetadata(
                        "doc-1",
                        "Offer.pdf",
                        "file",
                        "https://dms.example/view/doc-1",
                        "https://dms.example/download/doc-1",
                        "application/pdf",
                        Instant.parse("2024-05-06T07:08:09.123Z"),
                        1234L,
                        false));
    }

    @Test
    void the_root_folder_id_is_percent_encoded_and_arrives_as_a_slash() throws IOException {
        start(Credentials.BEARER);

        assertThat(provider.metadata(endpoint, Credentials.BEARER.credentials(), "/")
                        .kind())
                .isEqualTo("folder");
        assertThat(fake.last().query()).containsEntry("id", "/");
    }

    @Test
    void listing_and_searching_answer_the_provider_s_items_in_order() throws IOException {
        start(Credentials.API_KEY);
        ProviderCredentials given = Credentials.API_KEY.credentials();

        assertThat(provider.files(endpoint, given, "folder-1", null, null))
                .extracting(DocumentMetadata::id)
                .containsExactly("doc-2", "doc-3");
        assertThat(provider.files(endpoint, given, "folder-1", 1, 1))
                .extracting(DocumentMetadata::id)
                .containsExactly("doc-3");
        assertThat(provider.search(endpoint, given, "offer", null, null, null))
                .extracting(DocumentMetadata::title)
                .containsExactly("Offer.pdf", "Offer draft.docx");
        assertThat(provider.files(endpoint, given, "empty", 10, 0)).isEmpty();
    }

    @Test
    void optional_parameters_given_as_null_are_left_out() throws IOException {
        start(Credentials.API_KEY);
        ProviderCredentials given = Credentials.API_KEY.credentials();

        provider.files(endpoint, given, "/", null, null);
        assertThat(fake.last().query()).containsOnlyKeys("tenant", "x", "parentId");
        provider.search(endpoint, given, "budget", null, 5, null);
        assertThat(fake.last().query()).containsOnlyKeys("tenant", "x", "query", "max");
        try (ProviderContent thumbnail = provider.thumbnail(endpoint, given, "doc-1", null)) {
            thumbnail.body().readAllBytes();
        }
        assertThat(fake.last().query()).containsOnlyKeys("tenant", "x", "id");
    }

    @Test
    void parameters_with_reserved_characters_arrive_as_sent() throws IOException {
        start(Credentials.API_KEY);

        provider.search(endpoint, Credentials.API_KEY.credentials(), "a&b=c d+é/?#", "/", null, null);

        assertThat(fake.last().query()).containsEntry("query", "a&b=c d+é/?#").containsEntry("tenant", "acme");
    }

    @Test
    void a_thumbnail_comes_with_its_content_type() throws IOException {
        start(Credentials.BEARER);

        try (ProviderContent thumbnail = provider.thumbnail(endpoint, Credentials.BEARER.credentials(), "doc-1", 64)) {
            assertThat(thumbnail.contentType()).isEqualTo("image/png");
            assertThat(new String(thumbnail.body().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("thumbnail of doc-1 at 64");
        }
    }

    @Test
    void upload_init_create_folder_rename_and_delete_change_the_provider_s_tree() throws IOException {
        start(Credentials.BEARER);
        ProviderCredentials given = Credentials.BEARER.credentials();

        DocumentMetadata file =
                provider.uploadInit(endpoint, given, new UploadTarget("folder-1", "Plan.txt", "d", "v"));
        DocumentMetadata folder = provider.createFolder(endpoint, given, "folder-1", "Archive");

        assertThat(file.title()).isEqualTo("Plan.txt");
        assertThat(folder.kind()).isEqualTo("folder");
        assertThat(provider.rename(endpoint, given, file.id(), "Plan v2.txt")).isEqualTo(OperationResult.succeeded());
        assertThat(fake.documents().titleOf(file.id())).isEqualTo("Plan v2.txt");
        assertThat(provider.delete(endpoint, given, new DeletionTarget(DeletionTarget.Kind.FOLDER, folder.id())))
                .isEqualTo(OperationResult.succeeded());
        assertThat(fake.documents().has(folder.id())).isFalse();
    }

    @Test
    void a_provider_that_did_not_do_it_says_why_in_the_result() throws IOException {
        start(Credentials.API_KEY);
        ProviderCredentials given = Credentials.API_KEY.credentials();

        OperationResult delete =
                provider.delete(endpoint, given, new DeletionTarget(DeletionTarget.Kind.DOCUMENT, "gone"));
        OperationResult rename = provider.rename(endpoint, given, "gone", "x");
        OperationResult upload =
                provider.upload(endpoint, given, "gone", new ByteArrayInputStream(new byte[0]), 0, null);

        assertThat(delete).isEqualTo(new OperationResult(false, "nothing to delete: gone"));
        assertThat(rename).isEqualTo(new OperationResult(false, "no document"));
        assertThat(upload).isEqualTo(new OperationResult(false, "no upload was started for this id"));
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void wrong_credentials_are_refused_with_the_provider_s_reason(Credentials credentials) throws IOException {
        start(credentials);

        assertThatThrownBy(() -> provider.metadata(endpoint, credentials.wrong(), "doc-1"))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CREDENTIALS_REFUSED);
                    assertThat(failure.providerStatus()).isEqualTo(403);
                    assertThat(failure.providerMessage()).isEqualTo(credentials.refusal());
                    assertThat(failure.getMessage())
                            .doesNotContain(Credentials.KEY)
                            .doesNotContain(Credentials.TOKEN);
                });
    }
}
