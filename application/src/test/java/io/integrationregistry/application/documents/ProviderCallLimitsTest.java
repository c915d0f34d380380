package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calls under way are bounded per integration and per company; a download holds its place until closed. */
class ProviderCallLimitsTest {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final IntegrationId ONE = IntegrationId.of(java.util.UUID.randomUUID());
    private static final IntegrationId TWO = IntegrationId.of(java.util.UUID.randomUUID());
    private static final IntegrationId THREE = IntegrationId.of(java.util.UUID.randomUUID());

    private final ProviderCallLimits limits = new ProviderCallLimits(new Downloads(), 2, 3);

    @Test
    void a_slow_provider_cannot_take_more_than_its_share_of_calls() throws IOException {
        ProviderContent first = limits.download(caller(ACME), ONE, "a");
        ProviderContent second = limits.download(caller(ACME), ONE, "b");

        assertThatThrownBy(() -> limits.download(caller(ACME), ONE, "c"))
                .isInstanceOfSatisfying(
                        TooManyProviderCalls.class,
                        refused -> assertThat(refused.retryAfter()).isPositive());
        ProviderContent third = limits.download(caller(ACME), TWO, "d");
        assertThatThrownBy(() -> limits.download(caller(ACME), THREE, "e")).isInstanceOf(TooManyProviderCalls.class);
        // another company is not held up by this one
        limits.download(caller(GLOBEX), ONE, "f").close();

        first.close();
        first.close();
        limits.download(caller(ACME), THREE, "g").close();
        second.close();
        third.close();
        assertThat(limits.inFlight(ACME)).isZero();
        assertThat(limits.inFlight(GLOBEX)).isZero();
    }

    @Test
    void a_failed_call_gives_its_place_back() {
        ProviderCallLimits failing = new ProviderCallLimits(
                new Downloads() {
                    @Override
                    public ProviderContent download(Caller caller, IntegrationId integration, String id) {
                        throw new IllegalStateException("provider down");
                    }
                },
                1,
                1);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> failing.download(caller(ACME), ONE, "a"))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(failing.inFlight(ACME)).isZero();
    }

    private static Caller caller(CompanyId company) {
        return new Caller(new Actor("dora"), company);
    }

    /** Answers downloads of a few bytes; nothing else is called here. */
    private static class Downloads implements ForUsingDocuments {

        @Override
        public ProviderContent download(Caller caller, IntegrationId integration, String id) {
            return new ProviderContent("text/plain", 2, new ByteArrayInputStream(new byte[] {1, 2}));
        }

        @Override
        public ServiceInfo serviceInfo(Caller caller, IntegrationId integration) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DocumentMetadata metadata(Caller caller, IntegrationId integration, String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DocumentMetadata> files(
                Caller caller, IntegrationId integration, String parentId, Integer max, Integer offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DocumentMetadata> search(
                Caller caller, IntegrationId integration, String query, String parentId, Integer max, Integer offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderContent thumbnail(Caller caller, IntegrationId integration, String id, Integer size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DocumentMetadata upload(
                Caller caller,
                IntegrationId integration,
                UploadTarget target,
                InputStream body,
                long length,
                String contentType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DocumentMetadata createFolder(Caller caller, IntegrationId integration, String parentId, String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationResult delete(Caller caller, IntegrationId integration, DeletionTarget target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OperationResult rename(Caller caller, IntegrationId integration, String id, String name) {
            throw new UnsupportedOperationException();
        }
    }
}
