package io.integrationregistry.application.connections.port.in;

/** A user's OAuth 2.0 connection to an integration's provider, as the user sees it. */
public enum ConnectionStatus {
    NOT_CONNECTED,
    CONNECTED,
    RECONNECT_REQUIRED
}
