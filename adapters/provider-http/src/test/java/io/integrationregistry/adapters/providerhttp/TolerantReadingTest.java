package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DateStyle;
import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Providers write their JSON a little differently each; what can be understood is. */
class TolerantReadingTest {

    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;
    private final ProviderCredentials credentials = Credentials.API_KEY.credentials();

    @BeforeEach
    void start() throws IOException {
        fake = Credentials.API_KEY.provider();
        provider = new HttpDocumentProvider(
                new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), host ->
                        new InetAddress[] {InetAddress.getLoopbackAddress()}),
                ProviderHttpSettings.defaults());
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of("tenant=acme"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @ParameterizedTest
    @CsvSource({
        "RFC3339, 2024-05-06T07:08:09.123Z",
        "RFC3339_OFFSET_NO_MILLIS, 2024-05-06T07:08:09Z",
        "NO_OFFSET, 2024-05-06T07:08:09.123Z",
        "EPOCH_MILLIS, 2024-05-06T07:08:09.123Z",
        "EPOCH_MILLIS_STRING, 2024-05-06T07:08:09.123Z"
    })
    void date_modified_is_read_in_every_shape_providers_use(DateStyle style, String expected) {
        fake.documents().dateStyle(style);

        assertThat(provider.metadata(endpoint, credentials, "doc-1").dateModified())
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void a_date_that_cannot_be_read_is_unknown_rather_than_a_failure() {
        fake.documents().dateStyle(DateStyle.GARBAGE);

        DocumentMetadata offer = provider.metadata(endpoint, credentials, "doc-1");

        assertThat(offer.dateModified()).isNull();
        assertThat(offer.title()).isEqualTo("Offer.pdf");
    }

    @Test
    void unknown_fields_are_ignored() {
        fake.documents().unknownFields(true);

        assertThat(provider.files(endpoint, credentials, "/", null, null))
                .extracting(DocumentMetadata::id)
                .containsExactly("doc-1", "folder-1");
    }

    @Test
    void missing_optional_fields_are_null() {
        fake.documents().omitOptional(true);

        assertThat(provider.metadata(endpoint, credentials, "doc-1"))
                .isEqualTo(new DocumentMetadata("doc-1", "Offer.pdf", "file", null, null, null, null, null, null));
    }

    @Test
    void a_size_sent_as_a_string_is_a_number() {
        fake.documents().sizeAsString(true);

        assertThat(provider.metadata(endpoint, credentials, "doc-1").size()).isEqualTo(1234L);
    }

    @Test
    void numbers_and_strings_stand_in_for_each_other() {
        fake.faults().answerNext("metadata", 200, "application/json", """
                {"id": 42, "title": "Q3", "size": "17", "readOnly": "true", "dateModified": 1714979289123.0}""");

        assertThat(provider.metadata(endpoint, credentials, "42"))
                .isEqualTo(new DocumentMetadata(
                        "42", "Q3", null, null, null, null, Instant.parse("2024-05-06T07:08:09.123Z"), 17L, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"items", "files", "results"})
    void a_list_wrapped_in_an_object_is_unwrapped(String wrapper) {
        fake.faults()
                .answerNext(
                        "files",
                        200,
                        "application/json",
                        "{\"" + wrapper + "\":[{\"id\":\"a\"},{\"id\":\"b\"}]," + "\"total\":2}");

        assertThat(provider.files(endpoint, credentials, "/", null, null))
                .extracting(DocumentMetadata::id)
                .containsExactly("a", "b");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<html><body>Welcome</body></html>",
                "{\"title\":\"no id\"}",
                "[1, 2]",
                "",
                "{\"id\": {\"nested\": true}}",
                "null"
            })
    void an_answer_that_is_not_what_the_api_describes_is_a_provider_error(String body) {
        fake.faults().answerNext("metadata", 200, "application/json", body);

        assertThatThrownBy(() -> provider.metadata(endpoint, credentials, "doc-1"))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PROVIDER_ERROR);
                    assertThat(failure.providerStatus()).isEqualTo(200);
                    assertThat(failure.providerMessage()).isNull();
                });
    }

    @Test
    void a_list_with_an_item_without_id_is_a_provider_error() {
        fake.faults().answerNext("search", 200, "application/json", "[{\"id\":\"a\"},{\"title\":\"b\"}]");

        assertThatThrownBy(() -> provider.search(endpoint, credentials, "x", null, null, null))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PROVIDER_ERROR));
    }

    @Test
    void operation_answers_are_read_from_result_or_status_and_an_empty_success_is_a_success() {
        fake.faults().answerNext("rename", 200, "application/json", "{\"result\":\"success\"}");
        assertThat(provider.rename(endpoint, credentials, "doc-1", "x")).isEqualTo(OperationResult.succeeded());

        fake.faults().answerNext("delete", 204, null, "");
        assertThat(provider.delete(endpoint, credentials, new DeletionTarget(DeletionTarget.Kind.DOCUMENT, "doc-1")))
                .isEqualTo(OperationResult.succeeded());

        fake.faults().answerNext("upload", 200, "application/json", "{\"result\":\"fail\",\"unknown\":1}");
        assertThat(provider.upload(endpoint, credentials, "doc-1", new ByteArrayInputStream(new byte[] {1}), 1, null))
                .isEqualTo(new OperationResult(false, "fail"));
    }

    @Test
    void an_operation_answer_that_says_neither_success_nor_failure_is_a_provider_error() {
        fake.faults().answerNext("rename", 200, "application/json", "{\"done\":true}");

        assertThatThrownBy(() -> provider.rename(endpoint, credentials, "doc-1", "x"))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.PROVIDER_ERROR));
    }
}
