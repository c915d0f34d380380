package io.integrationregistry.adapters.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Axon's embedded event store, with two differences:
 * <ul>
 *   <li>each processor reads the store through a stream of its own (see {@link PolledEventStream}), woken as this
 *       instance stores events and polling every {@code pollEvery} for other instances' events;
 *   <li>a snapshot that cannot be read because the database is away fails the read at once. Axon would instead log
 *       it and read the whole stream, which waits for the unreachable database a second time: a request would take
 *       twice the configured timeout to answer its 503.
 * </ul>
 */
final class RegistryEventStore extends EmbeddedEventStore {

    private final StoreWakeups wakeups = new StoreWakeups();
    private final long pollNanos;

    RegistryEventStore(Builder builder, Duration pollEvery) {
        super(builder);
        this.pollNanos = pollEvery.toNanos();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new PolledEventStream(storageEngine(), trackingToken, wakeups, pollNanos);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        wakeups.stored();
    }

    @Override
    protected Optional<DomainEventMessage<?>> handleSnapshotReadingError(String aggregateIdentifier, Throwable error) {
        if (AxonIntegrationStore.isOutage(error) && error instanceof RuntimeException outage) {
            throw outage;
        }
        return super.handleSnapshotReadingError(aggregateIdentifier, error);
    }
}
