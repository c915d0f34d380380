package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.domain.SealedSecret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's OAuth 2.0 tokens for one integration, sealed like every secret.
 *
 * @param expiresAt          when the access token expires, if the provider said
 * @param reconnectRequired  the provider said the grant is gone; the user must connect again
 * @param clientFingerprint  fingerprint of the client id, client secret and token endpoint the tokens
 *                           were obtained with; when the integration's differ, the tokens are void
 * @param revision           increases with every change, so that a refresh can tell it raced another
 * @param grantedScope       the scope the token endpoint said it granted, kept across refreshes that name
 *                           none; empty when it never named one (it granted the scope requested)
 */
public record StoredConnection(
        ConnectionKey key,
        SealedSecret accessToken,
        Optional<SealedSecret> refreshToken,
        Optional<Instant> expiresAt,
        boolean reconnectRequired,
        String clientFingerprint,
        Instant connectedAt,
        Instant updatedAt,
        long revision,
        Optional<String> grantedScope) {

    public StoredConnection {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        Objects.requireNonNull(clientFingerprint, "clientFingerprint");
        grantedScope = grantedScope == null ? Optional.empty() : grantedScope;
    }

    /** A connection whose token endpoint named no scope. */
    public StoredConnection(
            ConnectionKey key,
            SealedSecret accessToken,
            Optional<SealedSecret> refreshToken,
            Optional<Instant> expiresAt,
            boolean reconnectRequired,
            String clientFingerprint,
            Instant connectedAt,
            Instant updatedAt,
            long revision) {
        this(
                key,
                accessToken,
                refreshToken,
                expiresAt,
                reconnectRequired,
                clientFingerprint,
                connectedAt,
                updatedAt,
                revision,
                Optional.empty());
    }
}
