package io.integrationregistry.application.connections.port.in;

import java.time.Instant;

/**
 * A user's connection without its tokens.
 *
 * @param expiresAt   when the current access token expires (it is refreshed then), or null
 * @param connectedAt when the user last connected, or null
 * @param reason      why a reconnect is required, or null
 */
public record ConnectionView(ConnectionStatus status, Instant expiresAt, Instant connectedAt, String reason) {

    public static final ConnectionView NOT_CONNECTED =
            new ConnectionView(ConnectionStatus.NOT_CONNECTED, null, null, null);
}
