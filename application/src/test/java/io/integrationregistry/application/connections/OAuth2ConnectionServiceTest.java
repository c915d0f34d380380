package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionView;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.integrations.RegistrySettings;
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
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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

/** The authorization request and the code exchange as RFC 9700 asks: PKCE, the URL's own query, scope, errors. */
class OAuth2ConnectionServiceTest {

    private static final Caller DORA = new Caller(new Actor("dora"), new CompanyId("acme"));

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final States states = new States();
    private final Tokens tokens = new Tokens();
    private final ProviderUseCases services = ProviderUseCases.create(
            store,
            sealer,
            connections,
            states,
            tokens,
            new UnansweringProvider() {
                @Override
                public List<DocumentMetadata> files(
                        ProviderEndpoint endpoint,
                        ProviderCredentials credentials,
                        String parentId,
                        Integer max,
                        Integer offset) {
                    return List.of();
                }
            },
            clock,
            new InMemoryConnectionTestRecords());
    private IntegrationId id = integration("https://auth.acme.example/authorize", RequestParameters.NONE);

    /** The browser binding of the last authorization started. */
    private String browserBinding;

    @Test
    void everyAuthorizationRequestCarriesAnS256ChallengeOfAVerifierKeptOnlySealedWithItsState() {
        Map<String, List<String>> first = queryOf(start());
        AuthorizationState firstState = states.byHash.values().iterator().next();
        Map<String, List<String>> second = queryOf(start());

        String verifier = sealer.openToken(
                        new ConnectionKey(id, "dora"), firstState.codeVerifier().orElseThrow())
                .reveal();
        assertThat(verifier).matches("[A-Za-z0-9._~-]{43,128}");
        assertThat(first.get("code_challenge_method")).containsExactly("S256");
        assertThat(first.get("code_challenge")).containsExactly(ProofKey.challengeOf(verifier));
        assertThat(second.get("code_challenge")).doesNotContainAnyElementsOf(first.get("code_challenge"));
        assertThat(firstState.codeVerifier().orElseThrow().ciphertext()).doesNotContain(verifier);
        assertThat(firstState.toString()).doesNotContain(verifier);
        assertThat(first.values().stream().flatMap(List::stream)).doesNotContain(verifier);
    }

    @Test
    void theCodeIsExchangedWithTheVerifierOfItsOwnState() {
        start();
        String firstBrowser = browserBinding;
        String state = stateOf(start());
        AuthorizationState issued = states.byHash.get(OAuth2ConnectionService.hash(state));
        tokens.grants.add(() -> grant("access-1", Optional.empty()));

        services.accounts().completeAuthorization(id, "code-1", state, null, null, browserBinding);

        String verifier = sealer.openToken(
                        new ConnectionKey(id, "dora"), issued.codeVerifier().orElseThrow())
                .reveal();
        assertThat(tokens.verifiers).containsExactly(verifier);
        assertThat(firstBrowser).isNotEqualTo(browserBinding);
    }

    @Test
    void aCodeWithoutItsStatesVerifierIsNotExchanged() {
        String withoutVerifier = stateOf(start());
        String withoutVerifierBrowser = browserBinding;
        strip(withoutVerifier, Optional.empty());
        String ofAnotherUser = stateOf(start());
        String ofAnotherUserBrowser = browserBinding;
        strip(
                ofAnotherUser,
                Optional.of(sealer.sealToken(
                        new ConnectionKey(id, "mallory"), PlainSecret.received("code_verifier", "x".repeat(43)))));

        AuthorizationRefused missing = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts()
                        .completeAuthorization(id, "code-1", withoutVerifier, null, null, withoutVerifierBrowser));
        AuthorizationRefused foreign = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts()
                        .completeAuthorization(id, "code-1", ofAnotherUser, null, null, ofAnotherUserBrowser));

        assertThat(missing.getMessage()).contains("proof key");
        assertThat(foreign.getMessage()).contains("proof key");
        assertThat(tokens.verifiers).isEmpty();
        assertThat(connections.byKey).isEmpty();
    }

    @Test
    void theAuthenticationUrlKeepsItsOwnQueryAndTheServicesParametersAppearOnce() {
        id = integration(
                "https://auth.acme.example/authorize?prompt=consent&audience=x&state=evil&client_id=other"
                        + "&code_challenge=evil&code_challenge_method=plain",
                RequestParameters.of(
                        "access_type=offline&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=token"));

        URI url = start();
        Map<String, List<String>> query = queryOf(url);

        assertThat(url.getPath()).isEqualTo("/authorize");
        assertThat(query.get("prompt")).containsExactly("consent");
        assertThat(query.get("audience")).containsExactly("x");
        assertThat(query.get("access_type")).containsExactly("offline");
        assertThat(query.get("client_id")).containsExactly("registry");
        assertThat(query.get("response_type")).containsExactly("code");
        assertThat(query.get("redirect_uri")).containsExactly("https://registry.example/oauth2/callback/" + id.value());
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        assertThat(query.get("code_challenge")).hasSize(1).doesNotContain("evil");
        assertThat(query.get("state")).hasSize(1).doesNotContain("evil");
        assertThat(states.byHash)
                .containsKey(OAuth2ConnectionService.hash(query.get("state").get(0)));
    }

    @Test
    void theProvidersErrorAndItsDescriptionAreBothReportedCleanedAndCut() {
        String state = stateOf(start());
        String description = "<script>alert('x')</script>\u0007\u202Emissing\r\nscope parameter " + "y".repeat(300);

        AuthorizationRefused refused = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts()
                        .completeAuthorization(id, null, state, "invalid_request", description, browserBinding));

        assertThat(refused.providerSaid()).contains("invalid_request");
        String explained = refused.providerExplained().orElseThrow();
        assertThat(explained)
                .startsWith("<script>alert('x')</script>missingscope parameter yyy")
                .doesNotContain("\u0007", "\u202E", "\r", "\n")
                .endsWith("…")
                .hasSize(201);
        assertThat(tokens.verifiers).isEmpty();
    }

    @Test
    void theTokenEndpointsRefusalOfTheCodeIsReportedWithItsDescription() {
        String state = stateOf(start());
        tokens.grants.add(() -> {
            throw new TokenRefused("invalid_grant", "PKCE verification failed");
        });

        AuthorizationRefused refused = catchThrowableOfType(
                AuthorizationRefused.class,
                () -> services.accounts().completeAuthorization(id, "code-1", state, null, null, browserBinding));

        assertThat(refused.providerSaid()).contains("invalid_grant");
        assertThat(refused.providerExplained()).contains("PKCE verification failed");
    }

    @Test
    void theGrantedScopeIsRecordedShownAndKeptByARefreshThatNamesNone() {
        tokens.grants.add(() -> grant("access-1", Optional.of("documents openid")));
        services.accounts().completeAuthorization(id, "code-1", stateOf(start()), null, null, browserBinding);
        ConnectionView connected = services.accounts().connection(DORA, id);

        clock.advance(Duration.ofMinutes(10));
        tokens.grants.add(() -> grant("access-2", Optional.empty()));
        services.documents().files(DORA, id, "/", null, null);
        ConnectionView refreshedNamingNone = services.accounts().connection(DORA, id);

        clock.advance(Duration.ofMinutes(10));
        tokens.grants.add(() -> grant("access-3", Optional.of("documents")));
        services.documents().files(DORA, id, "/", null, null);
        ConnectionView narrowed = services.accounts().connection(DORA, id);

        assertThat(connected.grantedScope()).isEqualTo("documents openid");
        assertThat(refreshedNamingNone.grantedScope()).isEqualTo("documents openid");
        assertThat(narrowed.grantedScope()).isEqualTo("documents");
        assertThat(connections.byKey.get(new ConnectionKey(id, "dora")).grantedScope())
                .contains("documents");
    }

    @Test
    void aGrantNamingNoScopeIsShownAsNoneNamed() {
        tokens.grants.add(() -> grant("access-1", Optional.of("  ")));
        services.accounts().completeAuthorization(id, "code-1", stateOf(start()), null, null, browserBinding);

        assertThat(services.accounts().connection(DORA, id).grantedScope()).isNull();
        assertThat(connections.byKey.get(new ConnectionKey(id, "dora")).grantedScope())
                .isEmpty();
    }

    // --- fixtures ------------------------------------------------------------------------------------

    private IntegrationId integration(String authenticationUrl, RequestParameters parameters) {
        return IntegrationServices.of(
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
                                new IntegrationName("Drive " + store.hashCode() + authenticationUrl.length()),
                                new BaseApiUrl("https://dms.acme.example/api"),
                                parameters,
                                new OAuth2Spec<>(
                                        new WebUrl(authenticationUrl),
                                        new WebUrl("https://auth.acme.example/token"),
                                        new ClientId("registry"),
                                        Optional.of(PlainSecret.of(
                                                "authentication.clientSecret", "client-secret-0123456789")),
                                        Scopes.NONE)),
                        true,
                        Optional.empty())
                .integrationId();
    }

    private URI start() {
        ForConnectingAccounts.AuthorizationStart start = services.accounts().startAuthorization(DORA, id);
        browserBinding = start.browserBinding();
        return start.redirect();
    }

    private static String stateOf(URI redirect) {
        return queryOf(redirect).get("state").get(0);
    }

    /** Replaces the verifier stored with a state, as someone with write access to the store could. */
    private void strip(String state, Optional<io.integrationregistry.domain.SealedSecret> verifier) {
        String hash = OAuth2ConnectionService.hash(state);
        AuthorizationState stored = states.byHash.get(hash);
        states.byHash.put(
                hash,
                new AuthorizationState(
                        stored.stateHash(),
                        stored.integration(),
                        stored.company(),
                        stored.user(),
                        stored.expiresAt(),
                        stored.browserBindingHash(),
                        verifier));
    }

    private static Map<String, List<String>> queryOf(URI url) {
        Map<String, List<String>> query = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.computeIfAbsent(
                            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                            name -> new ArrayList<>())
                    .add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    private static TokenGrant grant(String access, Optional<String> scope) {
        return new TokenGrant(
                PlainSecret.received("t", access),
                Optional.of(PlainSecret.received("t", "refresh-" + access)),
                Optional.of(Duration.ofMinutes(5)),
                scope);
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
        final List<String> verifiers = new ArrayList<>();

        @Override
        public TokenGrant exchangeCode(
                TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
            verifiers.add(codeVerifier.reveal());
            return grants.removeFirst().get();
        }

        @Override
        public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
            return grants.removeFirst().get();
        }
    }
}
