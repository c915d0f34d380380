package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.application.connections.port.in.ForCallingProvidersAsUsers;
import io.integrationregistry.application.connections.port.in.ForNoticingIntegrationChanges;
import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.PlainSecret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Calls an integration's provider on behalf of a user: finds the integration in the user's company,
 * chooses the credentials (the API key with the user's login, or the user's OAuth 2.0 access token),
 * and for OAuth2 refreshes the token when it has expired or the provider refuses it, then retries once.
 * Only a token endpoint that says {@code invalid_grant}, or a missing refresh token, ends a connection;
 * a transient failure leaves it as it was.
 */
public final class ProviderAccessService implements ForCallingProvidersAsUsers, ForNoticingIntegrationChanges {

    /** A token this close to its expiry is refreshed before use, so it does not expire on the way. */
    private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    /** How many integrations provider calls keep folded between calls. */
    private static final int KEPT_INTEGRATIONS = 10_000;

    /**
     * How long a kept integration serves, even while changes are followed, before the event store is asked
     * whether it is still current: bounds how long a change whose notice was lost goes unseen.
     */
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(60);

    private final ForSealingSecrets secrets;
    private final ForKeepingConnections connections;
    private final ForObtainingTokens tokens;
    private final Clock clock;
    private final RecentIntegrations recent;

    public ProviderAccessService(
            ForStoringIntegrations store,
            ForSealingSecrets secrets,
            ForKeepingConnections connections,
            ForObtainingTokens tokens,
            Clock clock) {
        this.secrets = secrets;
        this.connections = connections;
        this.tokens = tokens;
        this.clock = clock;
        this.recent = new RecentIntegrations(store, KEPT_INTEGRATIONS, RECHECK_AFTER, System::nanoTime);
    }

    @Override
    public void changed(IntegrationId id) {
        recent.forget(id);
    }

    @Override
    public void anythingMayHaveChanged() {
        recent.forgetAll();
    }

    @Override
    public void caughtUp(Duration validFor) {
        recent.caughtUp(validFor);
    }

    /** The integration, if it belongs to the company; otherwise it does not exist for this caller. */
    Integration integrationOf(CompanyId company, IntegrationId id) {
        return recent.current(id)
                .map(stored -> stored.integration())
                .filter(integration -> integration.companyId().equals(company))
                .orElseThrow(() -> new IntegrationRuleViolation(Rule.INTEGRATION_MUST_EXIST, id.value()));
    }

    @Override
    public Integration activeIntegrationOf(CompanyId company, IntegrationId id) {
        Integration integration = integrationOf(company, id);
        if (!integration.active()) {
            throw new IntegrationNotActive(id);
        }
        return integration;
    }

    @Override
    public <T> T call(Caller caller, IntegrationId id, ProviderCall<T> call) {
        Integration integration = activeIntegrationOf(caller.company(), id);
        return call(caller, integration, call, true);
    }

    @Override
    public <T> T call(Caller caller, Integration integration, ProviderCall<T> call, boolean retryWithFreshToken) {
        ProviderEndpoint endpoint = ProviderEndpoint.of(integration);
        if (integration.authentication() instanceof Authentication.ApiKey apiKey) {
            return call.with(
                    endpoint,
                    new ProviderCredentials.ApiKey(
                            recent.openedKey(
                                    integration.id(),
                                    apiKey.apiKey(),
                                    () -> secrets.open(integration.id(), apiKey.apiKey())),
                            caller.actor().login()));
        }
        Authentication.OAuth2 oauth2 = (Authentication.OAuth2) integration.authentication();
        ConnectionKey key = new ConnectionKey(integration.id(), caller.actor().login());
        StoredConnection connection = usableConnection(key, integration);
        boolean refreshed = false;
        if (connection.expiresAt().map(this::isDue).orElse(false)) {
            connection = refreshed(integration, oauth2, connection);
            refreshed = true;
        }
        try {
            return call.with(endpoint, bearer(key, connection));
        } catch (ProviderFailure failure) {
            if (failure.kind() != ProviderFailure.Kind.CREDENTIALS_REFUSED || refreshed || !retryWithFreshToken) {
                throw failure;
            }
        }
        return call.with(endpoint, bearer(key, refreshed(integration, oauth2, connection)));
    }

    /**
     * The caller's connection, if it was made with the integration's current OAuth 2.0 client and for
     * the origin of its current base URL: a token goes only to the provider address it was obtained for,
     * even should an edit that moved the base URL not have deleted the connections yet.
     */
    StoredConnection usableConnection(ConnectionKey key, Integration integration) {
        StoredConnection connection = connections
                .find(key)
                .orElseThrow(() -> new ConnectionRequired(
                        key.integration(),
                        ConnectionStatus.NOT_CONNECTED,
                        "connect your account to this integration's provider first"));
        if (connection.reconnectRequired()) {
            throw new ConnectionRequired(
                    key.integration(),
                    ConnectionStatus.RECONNECT_REQUIRED,
                    "the provider no longer accepts your connection; connect again");
        }
        if (!connection.clientFingerprint().equals(OAuth2Client.fingerprint(integration))) {
            throw new ConnectionRequired(
                    key.integration(),
                    ConnectionStatus.RECONNECT_REQUIRED,
                    "the integration's OAuth2 client or its provider's address changed since you connected; "
                            + "connect again");
        }
        return connection;
    }

    /**
     * A fresh access token from the refresh token. When the endpoint says the grant is gone, another
     * request may have just refreshed (and rotated) it: the stored connection is read again and used if
     * it changed; only otherwise is the connection marked for a reconnect.
     */
    private StoredConnection refreshed(
            Integration integration, Authentication.OAuth2 oauth2, StoredConnection connection) {
        ConnectionKey key = connection.key();
        if (connection.refreshToken().isEmpty()) {
            throw reconnectRequired(connection, "the provider gave no refresh token and the access token expired");
        }
        TokenGrant grant;
        try {
            grant = tokens.refresh(
                    OAuth2Client.of(integration.id(), oauth2, secrets),
                    secrets.openToken(key, connection.refreshToken().get()));
        } catch (TokenRefused refused) {
            if (!refused.grantIsGone()) {
                throw new ProviderFailure(
                        ProviderFailure.Kind.CREDENTIALS_REFUSED,
                        0,
                        refused.description(),
                        "the token endpoint refused to refresh the token (" + refused.error() + ")");
            }
            Optional<StoredConnection> now = connections.find(key);
            if (now.isPresent()
                    && now.get().revision() != connection.revision()
                    && !now.get().reconnectRequired()) {
                return now.get();
            }
            throw reconnectRequired(connection, "the provider no longer accepts the refresh token (invalid_grant)");
        }
        StoredConnection renewed = renewedWith(connection, grant);
        // Should another request have refreshed meanwhile, its tokens are kept; ours still serve this call.
        connections.replace(connection.revision(), renewed);
        return renewed;
    }

    private StoredConnection renewedWith(StoredConnection connection, TokenGrant grant) {
        Instant now = clock.instant();
        ConnectionKey key = connection.key();
        return new StoredConnection(
                key,
                secrets.sealToken(key, grant.accessToken()),
                grant.refreshToken().map(token -> secrets.sealToken(key, token)).or(connection::refreshToken),
                grant.expiresIn().map(now::plus),
                false,
                connection.clientFingerprint(),
                connection.connectedAt(),
                now,
                connection.revision() + 1,
                // RFC 6749 §6: a refresh answer may name a new scope; one naming none keeps the scope granted.
                grant.scope().or(connection::grantedScope));
    }

    private ConnectionRequired reconnectRequired(StoredConnection connection, String reason) {
        StoredConnection marked = new StoredConnection(
                connection.key(),
                connection.accessToken(),
                connection.refreshToken(),
                connection.expiresAt(),
                true,
                connection.clientFingerprint(),
                connection.connectedAt(),
                clock.instant(),
                connection.revision() + 1,
                connection.grantedScope());
        connections.replace(connection.revision(), marked);
        return new ConnectionRequired(
                connection.key().integration(), ConnectionStatus.RECONNECT_REQUIRED, reason + "; connect again");
    }

    private boolean isDue(Instant expiresAt) {
        return !clock.instant().plus(EXPIRY_MARGIN).isBefore(expiresAt);
    }

    private ProviderCredentials.Bearer bearer(ConnectionKey key, StoredConnection connection) {
        PlainSecret accessToken = secrets.openToken(key, connection.accessToken());
        return new ProviderCredentials.Bearer(accessToken);
    }
}
