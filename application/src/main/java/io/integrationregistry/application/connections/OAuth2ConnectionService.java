package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.application.connections.port.in.ConnectionView;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.QueryParameter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OAuth 2.0 authorization-code handshake, per user and integration. The {@code state} handed to
 * the provider is 256 random bits, kept only as its SHA-256 hash, bound to the user, the company and
 * the integration, usable once, and valid for ten minutes; the callback is refused, and nothing
 * stored, unless it brings back exactly such a state. The state is bound as well to the browser that
 * started the flow, by another 256 random bits that only this browser gets (the web adapter keeps them
 * in a cookie) and that are stored only as their hash: a state someone else started (and, say, sent as a
 * link) is refused, so nobody can have their own registry user connected to a victim's provider account,
 * nor the victim's user to theirs. Every authorization request carries a PKCE challenge (S256); its
 * verifier is stored with the state, sealed for the user's connection, and sent only with the code
 * exchange, so that a code intercepted on its way back is worth nothing without it.
 */
public final class OAuth2ConnectionService implements ForConnectingAccounts {

    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    private static final Set<String> OWN_PARAMETERS =
            Set.of("response_type", "client_id", "redirect_uri", "state", "code_challenge", "code_challenge_method");
    private static final String SCOPE = "scope";

    private final ProviderAccessService access;
    private final ForKeepingAuthorizationStates states;
    private final ForKeepingConnections connections;
    private final ForObtainingTokens tokens;
    private final ForSealingSecrets secrets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuth2ConnectionService(
            ProviderAccessService access,
            ForKeepingAuthorizationStates states,
            ForKeepingConnections connections,
            ForObtainingTokens tokens,
            ForSealingSecrets secrets,
            Clock clock) {
        this.access = access;
        this.states = states;
        this.connections = connections;
        this.tokens = tokens;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public AuthorizationStart startAuthorization(Caller caller, IntegrationId id) {
        Integration integration = access.integrationOf(caller.company(), id);
        Authentication.OAuth2 oauth2 = oauth2Of(integration);
        String state = randomValue();
        String browserBinding = randomValue();
        ProofKey proofKey = ProofKey.generate(random);
        ConnectionKey key = new ConnectionKey(id, caller.actor().login());
        states.remember(new AuthorizationState(
                hash(state),
                id,
                caller.company(),
                caller.actor().login(),
                clock.instant().plus(STATE_LIFETIME),
                hash(browserBinding),
                Optional.of(secrets.sealToken(key, proofKey.verifier()))));
        List<QueryParameter> parameters = new ArrayList<>(List.of(
                new QueryParameter("response_type", "code"),
                new QueryParameter("client_id", oauth2.clientId().value()),
                new QueryParameter("redirect_uri", oauth2.redirectUri().value()),
                new QueryParameter("state", state),
                new QueryParameter("code_challenge", proofKey.challenge()),
                new QueryParameter("code_challenge_method", ProofKey.METHOD)));
        // The integration's scopes replace any scope the authentication URL or its parameters name;
        // without scopes, the scope written there (if any) is sent as it is.
        Set<String> ownNames = OWN_PARAMETERS;
        if (!oauth2.scopes().isEmpty()) {
            parameters.add(new QueryParameter(SCOPE, oauth2.scopes().asParameter()));
            ownNames = new HashSet<>(OWN_PARAMETERS);
            ownNames.add(SCOPE);
        }
        // The authentication URL's own query and the integration's parameters (such as access_type=offline)
        // too, but never in place of ours, nor besides them.
        URI url = AuthorizationUrl.compose(
                oauth2.authenticationUrl().value(),
                parameters,
                integration.requestParameters().pairs(),
                ownNames);
        return new AuthorizationStart(url, browserBinding);
    }

    private String randomValue() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public ConnectionView completeAuthorization(
            IntegrationId id, String code, String state, String error, String errorDescription, String browserBinding) {
        if (state == null || state.isBlank()) {
            throw new AuthorizationRefused("the provider's answer carries no state");
        }
        AuthorizationState issued = states.consume(hash(state))
                .orElseThrow(() -> new AuthorizationRefused(
                        "the state is not one this service handed out, or it was used already"));
        if (!issued.integration().equals(id)) {
            throw new AuthorizationRefused("the state was handed out for another integration");
        }
        if (browserBinding == null
                || browserBinding.isBlank()
                || !MessageDigest.isEqual(
                        hash(browserBinding).getBytes(StandardCharsets.US_ASCII),
                        issued.browserBindingHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new AuthorizationRefused("connecting was started in another browser, or this browser's "
                    + "connection cookie is gone; start connecting again from the registry in this browser");
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            throw new AuthorizationRefused("the state expired; start connecting again");
        }
        if (error != null && !error.isBlank()) {
            throw new AuthorizationRefused(
                    "the provider did not authorize the connection", cleaned(error), explanation(errorDescription));
        }
        if (code == null || code.isBlank()) {
            throw new AuthorizationRefused("the provider's answer carries no code");
        }
        ConnectionKey key = new ConnectionKey(id, issued.user());
        PlainSecret codeVerifier = codeVerifierOf(key, issued);
        Integration integration = access.integrationOf(issued.company(), id);
        Authentication.OAuth2 oauth2 = oauth2Of(integration);
        TokenGrant grant;
        try {
            grant = tokens.exchangeCode(OAuth2Client.of(id, oauth2, secrets), code, oauth2.redirectUri(), codeVerifier);
        } catch (TokenRefused refused) {
            throw new AuthorizationRefused(
                    "the provider's token endpoint refused the code",
                    cleaned(refused.error()),
                    explanation(refused.description()));
        }
        Instant now = clock.instant();
        long revision = connections.find(key).map(StoredConnection::revision).orElse(0L) + 1;
        StoredConnection connection = new StoredConnection(
                key,
                secrets.sealToken(key, grant.accessToken()),
                grant.refreshToken().map(token -> secrets.sealToken(key, token)),
                grant.expiresIn().map(now::plus),
                false,
                OAuth2Client.fingerprint(integration),
                now,
                now,
                revision,
                grant.scope());
        connections.save(connection);
        return viewOf(connection);
    }

    /**
     * The state's PKCE verifier. A state without one (stored before the service used PKCE), or whose
     * sealed verifier does not open for this user's connection, is refused: no code is exchanged without
     * the verifier its authorization request was made with.
     */
    private PlainSecret codeVerifierOf(ConnectionKey key, AuthorizationState issued) {
        String again = "this connection attempt holds no usable proof key (PKCE code verifier); start connecting again";
        try {
            return secrets.openToken(key, issued.codeVerifier().orElseThrow(() -> new AuthorizationRefused(again)));
        } catch (SecretUnreadable unreadable) {
            throw new AuthorizationRefused(again);
        }
    }

    @Override
    public ConnectionView connection(Caller caller, IntegrationId id) {
        Integration integration = access.integrationOf(caller.company(), id);
        oauth2Of(integration);
        ConnectionKey key = new ConnectionKey(id, caller.actor().login());
        Optional<StoredConnection> stored = connections.find(key);
        if (stored.isEmpty()) {
            return ConnectionView.NOT_CONNECTED;
        }
        try {
            return viewOf(access.usableConnection(key, integration));
        } catch (ConnectionRequired required) {
            return new ConnectionView(
                    required.status(),
                    null,
                    stored.get().connectedAt(),
                    required.getMessage(),
                    stored.get().grantedScope().orElse(null));
        }
    }

    @Override
    public void disconnect(Caller caller, IntegrationId id) {
        oauth2Of(access.integrationOf(caller.company(), id));
        connections.delete(new ConnectionKey(id, caller.actor().login()));
    }

    private static ConnectionView viewOf(StoredConnection connection) {
        return new ConnectionView(
                ConnectionStatus.CONNECTED,
                connection.expiresAt().orElse(null),
                connection.connectedAt(),
                null,
                connection.grantedScope().orElse(null));
    }

    private static Authentication.OAuth2 oauth2Of(Integration integration) {
        if (integration.authentication() instanceof Authentication.OAuth2 oauth2) {
            return oauth2;
        }
        throw new NotAnOAuth2Integration(integration.id());
    }

    static String hash(String state) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }

    /** A provider's explanation, cleaned like its word; null when it gave none. */
    private static String explanation(String description) {
        String cleaned = cleaned(description);
        return cleaned.isBlank() ? null : cleaned;
    }

    /**
     * A provider's word for a human: printable characters only (no control characters, nor invisible
     * formatting ones that could reorder what is shown), and not too many.
     */
    static String cleaned(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.codePoints()
                .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
