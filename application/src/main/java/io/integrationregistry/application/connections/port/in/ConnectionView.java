package io.integrationregistry.application.connections.port.in;

import java.time.Instant;

/**
 * A user's connection without its tokens.
 *
 * @param expiresAt   when the current access token expires (it is refreshed then), or null
 * @param connectedAt when the user last connected, or null
 * @param reason      why a reconnect is required, or null
 * @param grantedScope the scope the provider said it granted, space-separated; null when not connected,
 *                     or when the provider named none, which means it granted the scope requested
 *                     (RFC 6749 §5.1). A scope is no secret; the tokens are never shown.
 */
public record ConnectionView(
        ConnectionStatus status, Instant expiresAt, Instant connectedAt, String reason, String grantedScope) {

    public static final ConnectionView NOT_CONNECTED =
            new ConnectionView(ConnectionStatus.NOT_CONNECTED, null, null, null, null);

    /** A view without a granted scope. */
    public ConnectionView(ConnectionStatus status, Instant expiresAt, Instant connectedAt, String reason) {
        this(status, expiresAt, connectedAt, reason, null);
    }
}
