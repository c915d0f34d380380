package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** The users' OAuth 2.0 connections, one per user and integration. */
public interface ForKeepingConnections {

    Optional<StoredConnection> find(ConnectionKey key);

    /** Stores the connection in place of any other for its key. */
    void save(StoredConnection connection);

    /**
     * Stores {@code replacement} only if the stored connection is still at {@code expectedRevision};
     * answers whether it did.
     */
    boolean replace(long expectedRevision, StoredConnection replacement);

    void delete(ConnectionKey key);

    /** Deletes every user's connection to the integration; answers how many there were. */
    long deleteAllOf(IntegrationId integration);
}
