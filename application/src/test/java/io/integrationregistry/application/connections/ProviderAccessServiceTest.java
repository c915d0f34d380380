package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.integrations.IntegrationService;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ConnectionKey;
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
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The OAuth 2.0 rules of the provider calls: states, refresh, reconnect, and what never ends a connection. */
class ProviderAccessServiceTest {

    private static final Caller DORA = new Caller(new Actor("dora"), new CompanyId("acme"));

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final States states = new States();
    private final Tokens tokens = new Tokens();
    private final Provider provider = new Provider();
    private final ProviderUseCases services = ProviderUseCases.create(
            store, sealer, connections, states, tokens, provider, clock, new InMemoryConnectionTestRecords());
    private IntegrationId id;
    private IntegrationService management;

    @BeforeEach
    void anActiveOAuth2Integration() {
        management = IntegrationServices.of(
                store,
                new CannedIntegrationList(),
                sealer,
                new RandomIdentifiers(),
                new InMemoryNameReservations(),
                new InMemoryIdempotencyKeys(),
                clock,
                RegistrySettings.defaults(),
                url -> Optional.empty(),
                connections);
        id = management
                .add(
                        DORA,
                        new IntegrationDraft(
                                new IntegrationName("Drive"),
                                new BaseApiUrl("https://dms.acme.example/api"),
                                RequestParameters.NONE,
                                new OAuth2Spec<>(
                                        new WebUrl("https://auth.acme.example/authorize"),
                                        new WebUrl("https://auth.acme.example/token"),
                                        new ClientId("registry"),
                                        Optional.of(PlainSecret.of(
                                                "authentication.clientSecret", "client-secret-0123456789")),
                                        Scopes.NONE)),
                        true,
                        Optional.empty())
                .integrationId();
    }

    /** The browser binding of the last authorization started, as the browser would bring it back. */
    private String browserBinding;

    private String stateOfAuthorizeRedirect() {
        ForConnectingAccounts.AuthorizationStart start = services.accounts().startAuthorization(DORA, id);
        browserBinding = start.browserBinding();
        String query = start.redirect().getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("state=")) {
                return pair.substring("state=".length());
            }
        }
        throw new AssertionError("no state in " + query);
    }

    private void connect(Duration lifetime, boolean withRefreshToken) {
        tokens.grants.add(() -> grant("access-1", withRefreshToken ? "refresh-1" : null, lifetime));
        services.accounts().completeAuthorization(id, "code-1", stateOfAuthorizeRedirect(), null, null, browserBinding);
    }

    @Test
    void calls_fold_the_integration_once_per_version_and_see_a_deactivation_at_once() {
        connect(Duration.ofHours(1), true);
        services.documents().files(DORA, id, "/", null, null);
        int loadsBefore = store.loads();

        for (int call = 0; call < 4; call++) {
            services.documents().files(DORA, id, "/", null, null);
        }
        assertThat(store.loads()).isEqualTo(loadsBefore);

        management.deactivate(DORA, id, ExpectedVersion.ANY);
        assertThat(catchThrowableOfType(
                        IntegrationNotActive.class, () -> services.documents().files(DORA, id, "/", null, null)))
                .isNotNull();
        assertThat(provider.bearers).hasSize(5);
    }

    @Test
    void credentialsFollowAnEditToANewDestination_aConnectionLeftAfterTheBaseUrlMovedIsNotUsed() {
        connect(Duration.ofHours(1), true);
        // As if the deletion of the connections after the edit had not happened (a crash in between).
        IntegrationService deletingElsewhere = IntegrationServices.of(
                store,
                new CannedIntegrationList(),
                sealer,
                new RandomIdentifiers(),
                new InMemoryNameReservations(),
                new InMemoryIdempotencyKeys(),
                clock,
                RegistrySettings.defaults(),
                url -> Optional.empty(),
                new InMemoryConnections());
        deletingElsewhere.edit(
                DORA,
                id,
                new IntegrationDraft(
                        new IntegrationName("Drive"),
                        new BaseApiUrl("https://dms.elsewhere.example/api"),
                        RequestParameters.NONE,
                        new OAuth2Spec<>(
                                new WebUrl("https://auth.acme.example/authorize"),
                                new WebUrl("https://auth.acme.example/token"),
                                new ClientId("registry"),
                                Optional.empty(),
                                Scopes.NONE)),
                ExpectedVersion.ANY);

        ConnectionRequired required = catchThrowableOfType(
                ConnectionRequired.class, () -> services.documents().files(DORA, id, "/", null, null));

        assertThat(required.status()).isEqualTo(ConnectionStatus.RECONNECT_REQUIRED);
        assertThat(provider.bearers).isEmpty();
        assertThat(connections.byKey).hasSize(1);
        assertThat(services.accounts().connection(DORA, id).status()).isEqualTo(ConnectionStatus.RECONNECT_REQUIRED);
    }

    @Test
    void a_connection_stored_under_the_client_fingerprint_alone_is_asked_to_reconnect() {
        connect(Duration.ofHours(1), true);
        ConnectionKey key = new ConnectionKey(id, "dora");
        StoredConnection bound = connections.byKey.get(key);
        Authentication.OAuth2 oauth2 =
                (Authentication.OAuth2) store.integration(id).authentication();
        connections.save(new StoredConnection(
                key,
                bound.accessToken(),
                bound.refreshToken(),
                bound.expiresAt(),
                false,
                OAuth2Client.fingerprint(oauth2),
                bound.connectedAt(),
                bound.updatedAt(),
                bound.revision()));

        assertThat(catchThrowableOfType(
                        ConnectionRequired.class, () -> services.documents().files(DORA, id, "/", null, null)))
                .isNotNull();
        assertThat(provider.bearers).isEmpty();
    }

    @Test
    void aStateStartedInAnotherBrowserIsRefusedAndNoCodeIsExchanged() {
        String first = stateOfAuthorizeRedirect();
        String firstBrowser = browserBinding;
        String second = stateOfAuthorizeRedirect();

        AuthorizationRefused withoutCookie = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts().completeAuthorization(id, "code-1", first, null, null, null));
        AuthorizationRefused withAnotherBrowsersCookie = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts().completeAuthorization(id, "code-1", second, null, null, firstBrowser));

        assertThat(withoutCookie.getMessage()).contains("another browser");
        assertThat(withAnotherBrowsersCookie.getMessage()).contains("another browser");
        assertThat(connections.byKey).isEmpty();
        assertThat(tokens.requests).isEmpty();
    }

    @Test
    void a_state_expires_after_ten_minutes_and_nothing_is_stored() {
        String state = stateOfAuthorizeRedirect();
        clock.advance(Duration.ofMinutes(10));

        AuthorizationRefused refused = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts().completeAuthorization(id, "code-1", state, null, null, browserBinding));

        assertThat(refused.getMessage()).contains("expired");
        assertThat(connections.byKey).isEmpty();
        assertThat(tokens.requests).isEmpty();
    }

    @Test
    void a_state_is_stored_only_as_its_hash_with_the_user_and_integration() {
        String state = stateOfAuthorizeRedirect();

        AuthorizationState stored = states.byHash.values().iterator().next();

        assertThat(states.byHash).doesNotContainKey(state);
        assertThat(stored.user()).isEqualTo("dora");
        assertThat(stored.integration()).isEqualTo(id);
        assertThat(stored.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void the_code_is_exchanged_with_the_redirect_uri_and_the_tokens_are_sealed() {
        connect(Duration.ofHours(1), true);

        assertThat(tokens.requests)
                .containsExactly("code:code-1:https://registry.example/oauth2/callback/" + id.value());
        StoredConnection stored = connections.byKey.get(new ConnectionKey(id, "dora"));
        assertThat(stored.accessToken().ciphertext()).doesNotContain("access-1");
        assertThat(sealer.openToken(stored.key(), stored.accessToken()).reveal())
                .isEqualTo("access-1");
        assertThat(stored.expiresAt()).contains(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void an_expired_token_is_refreshed_before_the_call_and_the_new_one_kept() {
        connect(Duration.ofMinutes(5), true);
        clock.advance(Duration.ofMinutes(5));
        tokens.grants.add(() -> grant("access-2", "refresh-2", Duration.ofHours(1)));

        services.documents().files(DORA, id, "/", null, null);

        assertThat(tokens.requests).last().isEqualTo("refresh:refresh-1");
        assertThat(provider.bearers).containsExactly("access-2");
        StoredConnection stored = connections.byKey.get(new ConnectionKey(id, "dora"));
        assertThat(sealer.openToken(stored.key(), stored.refreshToken().orElseThrow())
                        .reveal())
                .isEqualTo("refresh-2");
    }

    @Test
    void a_refresh_answer_without_a_refresh_token_keeps_the_one_held() {
        connect(Duration.ofMinutes(5), true);
        clock.advance(Duration.ofMinutes(5));
        tokens.grants.add(() -> grant("access-2", null, Duration.ofHours(1)));

        services.documents().files(DORA, id, "/", null, null);

        StoredConnection stored = connections.byKey.get(new ConnectionKey(id, "dora"));
        assertThat(sealer.openToken(stored.key(), stored.refreshToken().orElseThrow())
                        .reveal())
                .isEqualTo("refresh-1");
    }

    @Test
    void a_403_is_refreshed_and_retried_once_only() {
        connect(Duration.ofHours(1), true);
        provider.refusals = 2;
        tokens.grants.add(() -> grant("access-2", "refresh-2", Duration.ofHours(1)));

        ProviderFailure failure = catchThrowableOfType(
                ProviderFailure.class, () -> services.documents().files(DORA, id, "/", null, null));

        assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.CREDENTIALS_REFUSED);
        assertThat(provider.bearers).containsExactly("access-1", "access-2");
        assertThat(tokens.requests)
                .filteredOn(request -> request.startsWith("refresh"))
                .hasSize(1);
        assertThat(services.accounts().connection(DORA, id).status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void invalid_grant_marks_the_connection_for_a_reconnect() {
        connect(Duration.ofMinutes(5), true);
        clock.advance(Duration.ofHours(1));
        tokens.grants.add(() -> {
            throw new TokenRefused(TokenRefused.INVALID_GRANT, "revoked");
        });

        ConnectionRequired required = catchThrowableOfType(
                ConnectionRequired.class, () -> services.documents().files(DORA, id, "/", null, null));

        assertThat(required.status()).isEqualTo(ConnectionStatus.RECONNECT_REQUIRED);
        assertThat(services.accounts().connection(DORA, id).status()).isEqualTo(ConnectionStatus.RECONNECT_REQUIRED);
        assertThat(provider.bearers).isEmpty();
    }

    @Test
    void a_transient_token_endpoint_failure_leaves_the_connection_as_it_was() {
        connect(Duration.ofMinutes(5), true);
        clock.advance(Duration.ofHours(1));
        StoredConnection before = connections.byKey.get(new ConnectionKey(id, "dora"));
        tokens.grants.add(() -> {
            throw new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "the token endpoint did not answer");
        });
        tokens.grants.add(() -> {
            throw new TokenRefused("temporarily_unavailable", "try later");
        });

        ProviderFailure timeout = catchThrowableOfType(
                ProviderFailure.class, () -> services.documents().files(DORA, id, "/", null, null));
        ProviderFailure unavailable = catchThrowableOfType(
                ProviderFailure.class, () -> services.documents().files(DORA, id, "/", null, null));

        assertThat(timeout.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
        assertThat(unavailable.kind()).isEqualTo(ProviderFailure.Kind.CREDENTIALS_REFUSED);
        assertThat(connections.byKey.get(new ConnectionKey(id, "dora"))).isEqualTo(before);
        assertThat(services.accounts().connection(DORA, id).status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    @Test
    void no_refresh_token_and_an_expired_access_token_asks_for_a_reconnect() {
        connect(Duration.ofMinutes(5), false);
        clock.advance(Duration.ofHours(1));

        ConnectionRequired required = catchThrowableOfType(
                ConnectionRequired.class, () -> services.documents().files(DORA, id, "/", null, null));

        assertThat(required.status()).isEqualTo(ConnectionStatus.RECONNECT_REQUIRED);
        assertThat(tokens.requests).hasSize(1);
    }

    @Test
    void invalid_grant_after_another_request_rotated_the_token_uses_the_rotated_one() {
        connect(Duration.ofMinutes(5), true);
        clock.advance(Duration.ofHours(1));
        ConnectionKey key = new ConnectionKey(id, "dora");
        tokens.grants.add(() -> {
            // Meanwhile another request refreshed and rotated the refresh token.
            StoredConnection current = connections.byKey.get(key);
            connections.replace(
                    current.revision(),
                    new StoredConnection(
                            key,
                            sealer.sealToken(key, PlainSecret.received("t", "access-rotated")),
                            Optional.of(sealer.sealToken(key, PlainSecret.received("t", "refresh-rotated"))),
                            Optional.of(clock.instant().plus(Duration.ofHours(1))),
                            false,
                            current.clientFingerprint(),
                            current.connectedAt(),
                            clock.instant(),
                            current.revision() + 1));
            throw new TokenRefused(TokenRefused.INVALID_GRANT, "rotated");
        });

        services.documents().files(DORA, id, "/", null, null);

        assertThat(provider.bearers).containsExactly("access-rotated");
        assertThat(services.accounts().connection(DORA, id).status()).isEqualTo(ConnectionStatus.CONNECTED);
    }

    private static TokenGrant grant(String access, String refresh, Duration lifetime) {
        return new TokenGrant(
                PlainSecret.received("t", access),
                Optional.ofNullable(refresh).map(token -> PlainSecret.received("t", token)),
                Optional.of(lifetime));
    }

    private static final class States implements ForKeepingAuthorizationStates {
        final Map<String, AuthorizationState> byHash = new HashMap<>();

        @Override
        public void remember(AuthorizationState state) {
            byHash.put(state.stateHash(), state);
        }

        @Override
        public Optional<AuthorizationState> consume(String stateHash) {
            return Optional.ofNullable(byHash.remove(stateHash));
        }
    }

    private static final class Tokens implements ForObtainingTokens {
        final Deque<Supplier<TokenGrant>> grants = new ArrayDeque<>();
        final List<String> requests = new ArrayList<>();

        @Override
        public TokenGrant exchangeCode(
                TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
            requests.add("code:" + code + ":" + redirectUri.value());
            return grants.removeFirst().get();
        }

        @Override
        public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
            requests.add("refresh:" + refreshToken.reveal());
            return grants.removeFirst().get();
        }
    }

    /** A provider that lists nothing, records the bearer tokens it gets, and can refuse them. */
    private static final class Provider extends UnansweringProvider {
        final List<String> bearers = new ArrayList<>();
        int refusals;

        @Override
        public List<DocumentMetadata> files(
                ProviderEndpoint endpoint,
                ProviderCredentials credentials,
                String parentId,
                Integer max,
                Integer offset) {
            bearers.add(((ProviderCredentials.Bearer) credentials).accessToken().reveal());
            if (refusals > 0) {
                refusals--;
                throw new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 403, null, "refused");
            }
            return List.of();
        }
    }
}
