package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ProviderFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kind of failure each error status of the Document Webhooks API is, call by call. */
class FailuresTest {

    private static ProviderFailure status(int status, boolean providerJson, String call) {
        return Failures.status(status, "said so", providerJson, null, call, "provider.example");
    }

    @ParameterizedTest
    @CsvSource({
        "400, REJECTED_REQUEST",
        "401, CREDENTIALS_REFUSED",
        "403, CREDENTIALS_REFUSED",
        "405, NOT_IMPLEMENTED",
        "409, CONFLICT",
        "413, PAYLOAD_TOO_LARGE",
        "429, RATE_LIMITED",
        "500, PROVIDER_ERROR",
        "501, NOT_IMPLEMENTED",
        "502, PROVIDER_ERROR",
        "503, PROVIDER_ERROR",
        "418, PROVIDER_ERROR"
    })
    void each_status_is_its_kind_and_keeps_the_status_and_message(int status, Kind kind) {
        ProviderFailure failure = status(status, true, "metadata");

        assertThat(failure.kind()).isEqualTo(kind);
        assertThat(failure.providerStatus()).isEqualTo(status);
        assertThat(failure.providerMessage()).isEqualTo("said so");
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata", "files", "download", "uploadInit", "upload"})
    void a_404_of_a_core_call_is_a_missing_document_whatever_its_body(String call) {
        assertThat(status(404, false, call).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(status(404, true, call).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"search", "thumbnail", "createFolder", "rename", "delete"})
    void a_404_of_an_optional_call_is_a_missing_endpoint_unless_it_is_the_provider_s_json_error(String call) {
        ProviderFailure missingEndpoint = status(404, false, call);

        assertThat(missingEndpoint.kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(missingEndpoint.getMessage()).startsWith("the provider does not offer " + call + " ");
        assertThat(status(404, true, call).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void a_404_of_service_info_is_always_a_missing_endpoint() {
        assertThat(status(404, true, "serviceInfo").kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
        assertThat(status(404, false, "serviceInfo").kind()).isEqualTo(Kind.NOT_IMPLEMENTED);
    }

    @Test
    void a_429_carries_the_provider_s_wait_and_no_other_failure_does() {
        ProviderFailure limited = Failures.status(429, null, true, "30", "files", "provider.example");

        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(Failures.status(429, null, false, null, "files", "provider.example")
                        .retryAfter())
                .contains(RetryAfter.DEFAULT);
        assertThat(status(503, true, "files").retryAfter()).isEmpty();
    }
}
