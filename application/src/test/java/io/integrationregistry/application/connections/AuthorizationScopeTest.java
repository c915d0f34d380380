package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
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
import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code scope} of the authorization request: the integration's scopes, sent once. */
class AuthorizationScopeTest {

    private static final Caller DORA = new Caller(new Actor("dora"), new CompanyId("acme"));

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final ForKeepingAuthorizationStates states = new ForKeepingAuthorizationStates() {
        @Override
        public void remember(AuthorizationState state) {}

        @Override
        public Optional<AuthorizationState> consume(String stateHash) {
            return Optional.empty();
        }
    };
    private final ProviderUseCases services = ProviderUseCases.create(
            store,
            sealer,
            connections,
            states,
            null,
            new UnansweringProvider() {},
            clock,
            new InMemoryConnectionTestRecords());

    @Test
    void theScopesAreSentAsOneSpaceSeparatedScopeParameter() {
        IntegrationId id = integration("https://auth.acme.example/authorize", "", Scopes.of("openid", "files.read"));

        URI redirect = services.accounts().startAuthorization(DORA, id).redirect();

        assertThat(redirect.getRawQuery()).contains("scope=openid%20files.read");
        assertThat(parameters(redirect)).contains("scope=openid files.read");
    }

    @Test
    void theScopesReplaceAScopeWrittenInTheAuthenticationUrlOrTheRequestParameters() {
        IntegrationId id = integration(
                "https://auth.acme.example/authorize?scope=email&prompt=consent",
                "scope=profile&access_type=offline",
                Scopes.of("openid", "files.read"));

        List<String> parameters =
                parameters(services.accounts().startAuthorization(DORA, id).redirect());

        assertThat(parameters.stream().filter(parameter -> parameter.startsWith("scope=")))
                .containsExactly("scope=openid files.read");
        assertThat(parameters).contains("prompt=consent", "access_type=offline");
    }

    @Test
    void withoutScopesTheScopeWrittenInTheAuthenticationUrlIsSentAsItIs() {
        IntegrationId id = integration("https://auth.acme.example/authorize?scope=email%20profile", "", Scopes.NONE);

        List<String> parameters =
                parameters(services.accounts().startAuthorization(DORA, id).redirect());

        assertThat(parameters.stream().filter(parameter -> parameter.startsWith("scope=")))
                .containsExactly("scope=email profile");
    }

    @Test
    void withoutScopesNoScopeParameterIsAdded() {
        IntegrationId id = integration("https://auth.acme.example/authorize", "", Scopes.NONE);

        assertThat(parameters(services.accounts().startAuthorization(DORA, id).redirect()))
                .noneMatch(parameter -> parameter.startsWith("scope="));
    }

    private IntegrationId integration(String authenticationUrl, String requestParameters, Scopes scopes) {
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
                                new IntegrationName("Drive"),
                                new BaseApiUrl("https://dms.acme.example/api"),
                                RequestParameters.of(requestParameters),
                                new OAuth2Spec<>(
                                        new WebUrl(authenticationUrl),
                                        new WebUrl("https://auth.acme.example/token"),
                                        new ClientId("registry"),
                                        Optional.of(PlainSecret.of(
                                                "authentication.clientSecret", "client-secret-0123456789")),
                                        scopes)),
                        true,
                        Optional.empty())
                .integrationId();
    }

    /** The query parameters of a URL, each decoded as {@code name=value}. */
    private static List<String> parameters(URI url) {
        List<String> decoded = new ArrayList<>();
        for (String pair : url.getRawQuery().split("&")) {
            decoded.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
        }
        return decoded;
    }
}
