package io.integrationregistry.adapters.axon;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Events and commands as the application produces them, for the adapter's tests. */
final class Samples {

    static final CompanyId COMPANY = new CompanyId("acme");
    static final Actor ADMIN = new Actor("alice@acme.example");
    static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456Z");
    static final SealedSecret CLIENT_SECRET = new SealedSecret("1234", "Y2lwaGVydGV4dC0x", "wxyz");
    static final SealedSecret API_KEY = new SealedSecret("1234", "Y2lwaGVydGV4dC0y", null);

    private Samples() {}

    static IntegrationId newId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    static RedirectUri redirectUri(IntegrationId id) {
        return new RedirectUri("https://registry.example/oauth2/callback/" + id.value());
    }

    static Authentication.OAuth2 oauth2(IntegrationId id) {
        return oauth2(id, Scopes.NONE);
    }

    static Authentication.OAuth2 oauth2(IntegrationId id, Scopes scopes) {
        return new Authentication.OAuth2(
                new WebUrl("https://auth.example/authorize?prompt=consent"),
                new WebUrl("https://auth.example/token"),
                new ClientId("client-1"),
                CLIENT_SECRET,
                redirectUri(id),
                scopes);
    }

    static IntegrationEvent.IntegrationAdded added(IntegrationId id) {
        return new IntegrationEvent.IntegrationAdded(
                id,
                COMPANY,
                T0,
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api/v1"),
                new RequestParameters("access_type=offline&x=%20y"),
                oauth2(id),
                true);
    }

    static IntegrationEvent.IntegrationEdited editedToApiKey(IntegrationId id, int n) {
        return new IntegrationEvent.IntegrationEdited(
                id,
                COMPANY,
                T0.plusSeconds(n),
                new IntegrationName("Docs " + n),
                new BaseApiUrl("https://docs.example/api/v2"),
                RequestParameters.NONE,
                new Authentication.ApiKey(API_KEY));
    }

    static List<IntegrationEvent> everyKind(IntegrationId id) {
        return List.of(
                added(id),
                editedToApiKey(id, 1),
                new IntegrationEvent.IntegrationDeactivated(id, COMPANY, T0.plusSeconds(2)),
                new IntegrationEvent.IntegrationActivated(id, COMPANY, T0.plusSeconds(3)));
    }

    static IntegrationCommand.AddIntegration add(IntegrationId id) {
        return new IntegrationCommand.AddIntegration(
                id,
                COMPANY,
                ADMIN,
                T0,
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api/v1"),
                new RequestParameters("access_type=offline&x=%20y"),
                new AuthenticationSpec.OAuth2Spec<>(
                        new WebUrl("https://auth.example/authorize?prompt=consent"),
                        new WebUrl("https://auth.example/token"),
                        new ClientId("client-1"),
                        Optional.of(CLIENT_SECRET),
                        Scopes.NONE),
                true,
                redirectUri(id));
    }

    static IntegrationCommand.EditIntegration editToApiKey(IntegrationId id, int n) {
        return new IntegrationCommand.EditIntegration(
                id,
                COMPANY,
                ADMIN,
                T0.plusSeconds(n),
                new IntegrationName("Docs " + n),
                new BaseApiUrl("https://docs.example/api/v2"),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(Optional.of(API_KEY)),
                redirectUri(id));
    }
}
