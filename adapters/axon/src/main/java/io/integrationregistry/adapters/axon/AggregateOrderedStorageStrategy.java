package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.axonframework.common.DateTimeUtils.parseInstant;

/**
 * One document per event, as Axon's {@link DocumentPerEventStorageStrategy}, stamped when it is stored rather
 * than when it was decided, never earlier than the integration's previous event, and stored within a bounded
 * time.
 * <p>
 * Processors read the store in (timestamp, sequence number) order and, once they have seen an event stamped T,
 * no longer look at events stamped before T minus the look-back: an event stored later than its timestamp plus
 * the look-back would be skipped for good. Axon stamps an event when the command is decided; pool waits, pauses
 * and retries may then pass before it is stored. Here the timestamp is taken as the documents are built for the
 * insert, and the insert is bounded by {@code appendTimeout} (the driver's operation timeout, which also bounds
 * its retries and is sent to the server): an event is stored within the append timeout of its timestamp, or its
 * append fails. The look-back must therefore exceed the largest clock difference between instances plus the
 * append timeout.
 * <p>
 * Within one integration the order does not depend on clocks: an event whose timestamp would be earlier than
 * its predecessor's (stored by an instance whose clock is ahead) takes its predecessor's timestamp instead (at
 * the store's millisecond precision; the sequence number orders the two), so that every integration's events are
 * read in sequence, on a live stream as in a replay.
 */
final class AggregateOrderedStorageStrategy extends DocumentPerEventStorageStrategy {

    /** Integrations whose newest event's timestamp is kept: the recently commanded ones. */
    private static final int REMEMBERED_INTEGRATIONS = 10_000;

    private final Duration appendTimeout;
    private final Supplier<Instant> clock;
    private final StoredTimestamps timestamps = new StoredTimestamps(REMEMBERED_INTEGRATIONS);

    AggregateOrderedStorageStrategy(EventEntryConfiguration configuration, Duration lookBack, Duration appendTimeout) {
        // Axon's event clock, so that an instance whose clock is off stamps as it decides.
        this(configuration, lookBack, appendTimeout, () -> GenericEventMessage.clock.instant());
    }

    AggregateOrderedStorageStrategy(
            EventEntryConfiguration configuration, Duration lookBack, Duration appendTimeout, Supplier<Instant> clock) {
        super(configuration, lookBack);
        this.appendTimeout = appendTimeout;
        this.clock = clock;
    }

    @Override
    public void appendEvents(
            MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events, Serializer serializer) {
        MongoCollection<Document> bounded =
                eventCollection.withTimeout(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        List<EventMessage<?>> stamped = stampedNow(bounded, events);
        bounded.insertMany(createEventDocuments(stamped, serializer).toList());
        for (EventMessage<?> event : stamped) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                timestamps.stored(domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain.getTimestamp());
            }
        }
    }

    /**
     * An integration's events as Axon reads them to load it before a command; the newest one's timestamp is
     * kept, so that the command's append need not read it again (see {@link StoredTimestamps}).
     */
    @Override
    public List<? extends DomainEventData<?>> findDomainEvents(
            MongoCollection<Document> collection, String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<? extends DomainEventData<?>> found =
                super.findDomainEvents(collection, aggregateIdentifier, firstSequenceNumber, batchSize);
        for (DomainEventData<?> event : found) {
            timestamps.stored(aggregateIdentifier, event.getSequenceNumber(), event.getTimestamp());
        }
        return found;
    }

    /** The events stamped now, each at the earliest at its predecessor's timestamp. */
    private List<EventMessage<?>> stampedNow(
            MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events) {
        Map<String, Instant> predecessorOf = new HashMap<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain
                    && domain.getAggregateIdentifier() != null
                    && domain.getSequenceNumber() > 0
                    && !predecessorOf.containsKey(domain.getAggregateIdentifier())) {
                Instant stored = timestamps.of(domain.getAggregateIdentifier(), domain.getSequenceNumber() - 1);
                if (stored == null) {
                    stored = storedTimestamp(
                            eventCollection, domain.getAggregateIdentifier(), domain.getSequenceNumber() - 1);
                }
                if (stored != null) {
                    predecessorOf.put(domain.getAggregateIdentifier(), stored);
                }
            }
        }
        // Taken after the look-ups, as close to the insert as can be.
        Instant now = clock.get().truncatedTo(ChronoUnit.MILLIS);
        List<EventMessage<?>> stamped = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain) || domain.getAggregateIdentifier() == null) {
                stamped.add(event);
                continue;
            }
            Instant previous = predecessorOf.get(domain.getAggregateIdentifier());
            Instant at =
                    previous != null && previous.truncatedTo(ChronoUnit.MILLIS).isAfter(now)
                            ? previous.truncatedTo(ChronoUnit.MILLIS)
                            : now;
            predecessorOf.put(domain.getAggregateIdentifier(), at);
            stamped.add(restamped(domain, at));
        }
        return stamped;
    }

    private static <T> DomainEventMessage<T> restamped(DomainEventMessage<T> event, Instant timestamp) {
        return new GenericDomainEventMessage<>(
                event.getType(),
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                event,
                timestamp.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The timestamp the given event was stored with; null if it is not stored. */
    private Instant storedTimestamp(MongoCollection<Document> eventCollection, String aggregate, long sequence) {
        EventEntryConfiguration fields = eventConfiguration();
        Document stored = eventCollection
                .find(Filters.and(
                        Filters.eq(fields.aggregateIdentifierProperty(), aggregate),
                        Filters.eq(fields.sequenceNumberProperty(), sequence)))
                .projection(Projections.include(fields.timestampProperty()))
                .first();
        Object timestamp = stored == null ? null : stored.get(fields.timestampProperty());
        return timestamp == null ? null : parseInstant(timestamp.toString());
    }
}
