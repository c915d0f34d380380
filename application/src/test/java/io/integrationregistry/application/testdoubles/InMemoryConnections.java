package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.domain.IntegrationId;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The users' OAuth 2.0 connections in memory, replaced only at the revision expected. */
public final class InMemoryConnections implements ForKeepingConnections {

    public final Map<ConnectionKey, StoredConnection> byKey = new ConcurrentHashMap<>();

    @Override
    public Optional<StoredConnection> find(ConnectionKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    @Override
    public void save(StoredConnection connection) {
        byKey.put(connection.key(), connection);
    }

    @Override
    public synchronized boolean replace(long expectedRevision, StoredConnection replacement) {
        StoredConnection current = byKey.get(replacement.key());
        if (current == null || current.revision() != expectedRevision) {
            return false;
        }
        byKey.put(replacement.key(), replacement);
        return true;
    }

    @Override
    public void delete(ConnectionKey key) {
        byKey.remove(key);
    }

    @Override
    public long deleteAllOf(IntegrationId integration) {
        long before = byKey.size();
        byKey.keySet().removeIf(key -> key.integration().equals(integration));
        return before - byKey.size();
    }
}
