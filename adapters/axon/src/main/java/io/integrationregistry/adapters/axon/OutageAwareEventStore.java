package io.integrationregistry.adapters.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.Optional;

/**
 * Axon's embedded event store, except that a snapshot that cannot be read because the database is
 * away fails the read at once. Axon would instead log it and read the whole stream, which waits for
 * the unreachable database a second time: a request would take twice the configured timeout to
 * answer its 503.
 */
final class OutageAwareEventStore extends EmbeddedEventStore {

    OutageAwareEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected Optional<DomainEventMessage<?>> handleSnapshotReadingError(String aggregateIdentifier, Throwable error) {
        if (AxonIntegrationStore.isOutage(error) && error instanceof RuntimeException outage) {
            throw outage;
        }
        return super.handleSnapshotReadingError(aggregateIdentifier, error);
    }
}
