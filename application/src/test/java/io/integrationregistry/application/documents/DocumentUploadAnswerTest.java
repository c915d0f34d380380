package io.integrationregistry.application.documents;

import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnectionTestRecords;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.IntegrationServices;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.ProviderUseCases;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.application.testdoubles.UnansweringProvider;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What an upload answers: the document as the provider stored it, never uploadInit's placeholders. */
class DocumentUploadAnswerTest {

    private static final Caller DORA = new Caller(new Actor("dora"), new CompanyId("acme"));
    private static final byte[] BYTES = "hello provider".getBytes(StandardCharsets.UTF_8);
    private static final Instant STORED_AT = Instant.parse("2025-03-01T09:00:05Z");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final Provider provider = new Provider();
    private final ProviderUseCases services = ProviderUseCases.create(
            store,
            sealer,
            connections,
            new NoStates(),
            new NoTokens(),
            provider,
            clock,
            new InMemoryConnectionTestRecords());
    private IntegrationId id;

    @BeforeEach
    void addAnIntegration() {
        id = IntegrationServices.of(
                        store,
                        new CannedIntegrationList(),
                        sealer,
                        new RandomIdentifiers(),
                        new InMemoryNameReservations(),
                        new InMemoryIdempotencyKeys(),
                        clock,
                        RegistrySettings.defaults(),
                        url -> Optional.empty(),
                        connections)
                .add(
                        DORA,
                        new IntegrationDraft(
                                new IntegrationName("Drive"),
                                new BaseApiUrl("https://dms.acme.example/api"),
                                RequestParameters.NONE,
                                new ApiKeySpec<>(
                                        Optional.of(PlainSecret.of("authentication.apiKey", "ak_0123456789")))),
                        true,
                        Optional.empty())
                .integrationId();
    }

    @Test
    void uploadAnswersTheDocumentAsStoredNotUploadInitsPlaceholder() {
        DocumentMetadata answered = upload();

        assertThat(provider.calls).containsExactly("uploadInit", "upload u-1", "metadata u-1");
        assertThat(answered.dateModified()).isEqualTo(STORED_AT);
        assertThat(answered.size()).isEqualTo((long) BYTES.length);
        assertThat(answered.mimeType()).isEqualTo("text/plain");
    }

    @Test
    void whenTheStoredDocumentCannotBeReadTheAnswerDropsUploadInitsPlaceholders() {
        provider.failMetadata = new ProviderFailure(ProviderFailure.Kind.NOT_FOUND, 404, null, "not yet");

        DocumentMetadata answered = upload();

        assertThat(answered.id()).isEqualTo("u-1");
        assertThat(answered.title()).isEqualTo("notes.txt");
        assertThat(answered.dateModified()).isNull();
        assertThat(answered.size()).isNull();
    }

    @Test
    void aSizeOf0IsKeptWhenNoByteWasUploaded() {
        provider.failMetadata = new ProviderFailure(ProviderFailure.Kind.PROVIDER_ERROR, 500, null, "broke");

        DocumentMetadata answered =
                services.documents().upload(DORA, id, target(), new ByteArrayInputStream(new byte[0]), 0, "text/plain");

        assertThat(answered.size()).isZero();
    }

    private DocumentMetadata upload() {
        return services.documents()
                .upload(DORA, id, target(), new ByteArrayInputStream(BYTES), BYTES.length, "text/plain");
    }

    private static UploadTarget target() {
        return new UploadTarget("/", "notes.txt", null, null);
    }

    /** uploadInit answers placeholders (the epoch, size 0); metadata answers what was stored. */
    private static final class Provider extends UnansweringProvider {
        final List<String> calls = new ArrayList<>();
        ProviderFailure failMetadata;
        private long stored;

        @Override
        public DocumentMetadata uploadInit(
                ProviderEndpoint endpoint, ProviderCredentials credentials, UploadTarget target) {
            calls.add("uploadInit");
            return new DocumentMetadata("u-1", target.filename(), "file", null, null, null, Instant.EPOCH, 0L, false);
        }

        @Override
        public OperationResult upload(
                ProviderEndpoint endpoint,
                ProviderCredentials credentials,
                String id,
                InputStream body,
                long length,
                String contentType) {
            calls.add("upload " + id);
            try {
                stored = body.readAllBytes().length;
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
            return OperationResult.succeeded();
        }

        @Override
        public DocumentMetadata metadata(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
            calls.add("metadata " + id);
            if (failMetadata != null) {
                throw failMetadata;
            }
            return new DocumentMetadata(id, "notes.txt", "file", null, null, "text/plain", STORED_AT, stored, false);
        }

        @Override
        public ServiceInfo serviceInfo(ProviderEndpoint endpoint, ProviderCredentials credentials) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class NoStates implements ForKeepingAuthorizationStates {
        @Override
        public void remember(AuthorizationState state) {}

        @Override
        public Optional<AuthorizationState> consume(String stateHash) {
            return Optional.empty();
        }
    }

    private static final class NoTokens implements ForObtainingTokens {
        @Override
        public TokenGrant exchangeCode(
                TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
            throw new UnsupportedOperationException();
        }
    }
}
