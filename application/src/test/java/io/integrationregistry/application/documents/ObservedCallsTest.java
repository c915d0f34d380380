package io.integrationregistry.application.documents;

import io.integrationregistry.application.connections.port.in.ForCallingProvidersAsUsers.ProviderCall;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each provider call is observed once it has ended, with what the wire showed, and never changed by it. */
class ObservedCallsTest {

    private static final IntegrationId INTEGRATION = new IntegrationId("4f1b7d1e-0000-4000-8000-000000000001");
    private static final Caller DORA =
            new Caller(new Actor("dora"), new CompanyId("acme"), new Origin("req-42", Origin.Source.API));
    private static final ProviderEndpoint ENDPOINT =
            new ProviderEndpoint(new BaseApiUrl("https://docs.example.com/webhooks/v1"), RequestParameters.of(""));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final List<ProviderCallRecord> records = new ArrayList<>();
    private final ObservedCalls observed = new ObservedCalls(records::add, clock);

    @Test
    void aSuccessfulCallIsObservedWithTheProviderStatusAndTheBytesItRead() {
        ProviderCall<String> call = observed.of(DORA, INTEGRATION, "files", (where, credentials) -> {
            where.wire().answered(200);
            where.wire().read(321);
            return "listed";
        });

        assertThat(call.with(ENDPOINT, null)).isEqualTo("listed");

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.integration()).isEqualTo(INTEGRATION);
            assertThat(record.company()).isEqualTo(new CompanyId("acme"));
            assertThat(record.user()).isEqualTo("dora");
            assertThat(record.endpoint()).isEqualTo("files");
            assertThat(record.at()).isEqualTo(clock.instant());
            assertThat(record.providerStatus()).isEqualTo(200);
            assertThat(record.statusClass()).isEqualTo("2xx");
            assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.SUCCESS);
            assertThat(record.bytes()).isEqualTo(321);
            assertThat(record.requestId()).isEqualTo("req-42");
            assertThat(record.providerMessage()).isNull();
        });
    }

    @Test
    void aFailedCallIsObservedWithItsOutcomeAndTheProviderMessageAndStillThrows() {
        ProviderFailure refused =
                new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 401, "token expired", "refused");
        ProviderCall<String> call = observed.of(DORA, INTEGRATION, "metadata", (where, credentials) -> {
            throw refused;
        });

        assertThatThrownBy(() -> call.with(ENDPOINT, null)).isSameAs(refused);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.REFUSED_CREDENTIALS);
            assertThat(record.outcome().label()).isEqualTo("refused-credentials");
            assertThat(record.providerStatus()).isEqualTo(401);
            assertThat(record.statusClass()).isEqualTo("4xx");
            assertThat(record.providerMessage()).isEqualTo("token expired");
            assertThat(record.bytes()).isEqualTo(-1);
        });
    }

    @Test
    void aCallWithoutAnAnswerHasNoStatus() {
        ProviderCall<String> call = observed.of(DORA, INTEGRATION, "files", (where, credentials) -> {
            throw new ProviderFailure(ProviderFailure.Kind.UNREACHABLE, "no connection");
        });

        assertThatThrownBy(() -> call.with(ENDPOINT, null)).isInstanceOf(ProviderFailure.class);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.UNREACHABLE);
            assertThat(record.statusClass()).isEqualTo("none");
        });
    }

    @Test
    void anOperationTheProviderSaysItDidNotDoIsAProviderError() {
        ProviderCall<OperationResult> call =
                observed.of(DORA, INTEGRATION, "delete", (where, credentials) -> new OperationResult(false, "locked"));

        assertThat(call.with(ENDPOINT, null).success()).isFalse();

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.PROVIDER_ERROR);
            assertThat(record.providerMessage()).isEqualTo("locked");
        });
    }

    @Test
    void aDownloadIsObservedWhenItsBytesAreClosedWithAllTheBytesRead() throws IOException {
        ProviderCall<ProviderContent> call = observed.of(DORA, INTEGRATION, "download", (where, credentials) -> {
            where.wire().answered(200);
            return new ProviderContent("application/pdf", 5, new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}));
        });

        ProviderContent content = call.with(ENDPOINT, null);
        assertThat(records).isEmpty();
        try (InputStream body = content.body()) {
            assertThat(body.readAllBytes()).hasSize(5);
        }

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.SUCCESS);
            assertThat(record.bytes()).isEqualTo(5);
        });
    }

    @Test
    void aDownloadThatBreaksOffIsObservedWithTheProviderFailure() throws IOException {
        InputStream breaking = new InputStream() {
            @Override
            public int read() {
                throw new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "too slow");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return read();
            }
        };
        ProviderContent content = observed.of(
                        DORA,
                        INTEGRATION,
                        "download",
                        (where, credentials) -> new ProviderContent("application/pdf", -1, breaking))
                .with(ENDPOINT, null);

        try (InputStream body = content.body()) {
            assertThatThrownBy(body::read).isInstanceOf(ProviderFailure.class);
        }

        assertThat(records)
                .singleElement()
                .satisfies(record -> assertThat(record.outcome()).isEqualTo(ProviderCallOutcome.TIMEOUT));
    }

    @Test
    void anObserverThatFailsDoesNotFailTheCall() {
        ObservedCalls failing = new ObservedCalls(
                record -> {
                    throw new IllegalStateException("observer down");
                },
                clock);

        assertThat(failing.<String>of(DORA, INTEGRATION, "files", (where, credentials) -> "listed")
                        .with(ENDPOINT, null))
                .isEqualTo("listed");
    }
}
