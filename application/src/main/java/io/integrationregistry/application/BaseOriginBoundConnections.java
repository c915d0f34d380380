package io.integrationregistry.application;

import io.integrationregistry.application.port.out.ConnectionKey;
import io.integrationregistry.application.port.out.ForKeepingConnections;
import io.integrationregistry.application.port.out.StoredConnection;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/**
 * The connections as the authorization flow stores them: a new connection, made with the client
 * fingerprint of the integration's OAuth 2.0 client, is stored under the integration's fingerprint,
 * which binds it to the origin of the base URL as it is when the connection is made. A connection made
 * with another client is stored as it is, and is void.
 */
final class BaseOriginBoundConnections implements ForKeepingConnections {

    private final ForKeepingConnections connections;
    private final ProviderAccess access;

    BaseOriginBoundConnections(ForKeepingConnections connections, ProviderAccess access) {
        this.connections = connections;
        this.access = access;
    }

    @Override
    public Optional<StoredConnection> find(ConnectionKey key) {
        return connections.find(key);
    }

    @Override
    public void save(StoredConnection connection) {
        connections.save(bound(connection));
    }

    @Override
    public boolean replace(long expectedRevision, StoredConnection replacement) {
        return connections.replace(expectedRevision, replacement);
    }

    @Override
    public void delete(ConnectionKey key) {
        connections.delete(key);
    }

    @Override
    public long deleteAllOf(IntegrationId integration) {
        return connections.deleteAllOf(integration);
    }

    private StoredConnection bound(StoredConnection connection) {
        Optional<Integration> integration = access.current(connection.key().integration());
        if (integration.isEmpty() || !(integration.get().authentication() instanceof Authentication.OAuth2 oauth2)
                || !connection.clientFingerprint().equals(OAuth2Client.fingerprint(oauth2))) {
            return connection;
        }
        return new StoredConnection(connection.key(), connection.accessToken(), connection.refreshToken(),
                connection.expiresAt(), connection.reconnectRequired(), OAuth2Client.fingerprint(integration.get()),
                connection.connectedAt(), connection.updatedAt(), connection.revision());
    }
}
