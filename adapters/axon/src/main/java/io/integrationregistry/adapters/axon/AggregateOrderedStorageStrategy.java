package io.integrationregistry.adapters.axon;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.axonframework.common.DateTimeUtils.parseInstant;

/**
 * One document per event, as Axon's {@link DocumentPerEventStorageStrategy}, found by keys rather than by
 * secondary indexes, so that no read grows with the store:
 * <ul>
 *   <li>an event's {@code _id} is its integration and sequence number (see {@link EventKeys}): an integration
 *       is loaded by key, and a second event at one sequence number is refused by the {@code _id};
 *   <li>each event takes the next position of the store (see {@link EventPositions}), kept in a unique field:
 *       processors read by position (see {@link TrackedReads});
 *   <li>an integration's snapshot is stored under the integration's id.
 * </ul>
 * An append takes its positions, then inserts its events within {@code appendTimeout} (the driver's operation
 * timeout, also sent to the server). When the store refuses the insert (another append took the key), the
 * positions it did not fill are voided at once, so that no reader waits for them.
 * <p>
 * Events are stamped when they are stored, never earlier than the integration's previous event (stored by an
 * instance whose clock is ahead), so that every integration's history reads in time order.
 */
final class AggregateOrderedStorageStrategy extends DocumentPerEventStorageStrategy {

    /** Integrations whose newest event's timestamp is kept: the recently commanded ones. */
    private static final int REMEMBERED_INTEGRATIONS = 10_000;

    private final EventPositions positions;
    private final TrackedReads trackedReads;
    private final Duration appendTimeout;
    private final Supplier<Instant> clock;
    private final StoredTimestamps timestamps = new StoredTimestamps(REMEMBERED_INTEGRATIONS);

    AggregateOrderedStorageStrategy(MongoDatabase database, Duration gapWait, Duration appendTimeout) {
        // Axon's event clock, so that an instance whose clock is off stamps as it decides.
        this(database, gapWait, appendTimeout, () -> GenericEventMessage.clock.instant());
    }

    AggregateOrderedStorageStrategy(
            MongoDatabase database, Duration gapWait, Duration appendTimeout, Supplier<Instant> clock) {
        super(EventEntryConfiguration.getDefault(), gapWait);
        this.positions = new EventPositions(database);
        this.trackedReads = new TrackedReads(positions, gapWait, this::extractEvents);
        this.appendTimeout = appendTimeout;
        this.clock = clock;
    }

    EventPositions positions() {
        return positions;
    }

    @Override
    public void appendEvents(
            MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events, Serializer serializer) {
        MongoCollection<Document> bounded =
                eventCollection.withTimeout(appendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        List<EventMessage<?>> stamped = stampedNow(bounded, events);
        List<Document> documents = createEventDocuments(stamped, serializer).toList();
        long first = positions.take(documents.size(), appendTimeout);
        // The append's time runs from the take: a reader gives the positions up only well after that (see
        // TrackedReads), so an insert that has not begun within the append timeout must not begin at all.
        long takenAt = System.nanoTime();
        for (int i = 0; i < documents.size(); i++) {
            Document document = documents.get(i);
            if (document.get(eventConfiguration().aggregateIdentifierProperty()) != null) {
                document.put(
                        "_id",
                        EventKeys.key(
                                document.getString(eventConfiguration().aggregateIdentifierProperty()),
                                ((Number) document.get(eventConfiguration().sequenceNumberProperty())).longValue()));
            }
            document.put(EventKeys.POSITION, first + i);
        }
        long left = appendTimeout.toNanos() - (System.nanoTime() - takenAt);
        if (left <= 0) {
            EventKeys.voidAll(bounded, first, documents.size());
            throw new MongoTimeoutException("the append did not begin within " + appendTimeout + " of its positions");
        }
        try {
            eventCollection.withTimeout(left, TimeUnit.NANOSECONDS).insertMany(documents);
        } catch (MongoBulkWriteException refused) {
            if (EventKeys.refusedOnPosition(refused)) {
                // A reader gave the positions up: the append took too long. Nothing of it is stored.
                throw new MongoTimeoutException("the append's positions were given up before it was stored");
            }
            // A write the store refused (a concurrent append took the key): the positions will never be filled.
            // An append that timed out may still land; its positions are left to the readers' wait.
            EventKeys.voidAll(bounded, first, documents.size());
            throw refused;
        }
        for (EventMessage<?> event : stamped) {
            if (event instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
                timestamps.stored(domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain.getTimestamp());
            }
        }
    }

    /**
     * An integration's events as Axon reads them to load it before a command, by key; the newest one's
     * timestamp is kept, so that the command's append need not read it again (see {@link StoredTimestamps}).
     */
    @Override
    public List<? extends DomainEventData<?>> findDomainEvents(
            MongoCollection<Document> collection, String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> found = EventKeys.read(
                collection,
                aggregateIdentifier,
                firstSequenceNumber,
                batchSize,
                eventConfiguration().sequenceNumberProperty(),
                document -> extractEvents(document).findFirst().orElseThrow());
        for (DomainEventData<?> event : found) {
            timestamps.stored(aggregateIdentifier, event.getSequenceNumber(), event.getTimestamp());
        }
        return found;
    }

    @Override
    public List<? extends TrackedEventData<?>> findTrackedEvents(
            MongoCollection<Document> eventCollection, TrackingToken lastToken, int batchSize) {
        return trackedReads.after(eventCollection, lastToken, batchSize);
    }

    @Override
    public TrackingToken createTailToken(MongoCollection<Document> eventCollection) {
        return new GlobalSequenceTrackingToken(0);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(MongoCollection<Document> eventCollection, String aggregateIdentifier) {
        long next = 0;
        Long last = null;
        List<? extends DomainEventData<?>> batch;
        do {
            batch = EventKeys.read(
                    eventCollection,
                    aggregateIdentifier,
                    next,
                    1_000,
                    eventConfiguration().sequenceNumberProperty(),
                    document -> extractEvents(document).findFirst().orElseThrow());
            if (!batch.isEmpty()) {
                last = batch.get(batch.size() - 1).getSequenceNumber();
                next = last + 1;
            }
        } while (batch.size() == 1_000);
        return Optional.ofNullable(last);
    }

    /** The integration's snapshot, under the integration's id; an older one never replaces a newer one. */
    @Override
    public void appendSnapshot(
            MongoCollection<Document> snapshotCollection, DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = createSnapshotDocument(snapshot, serializer);
        document.put("_id", snapshot.getAggregateIdentifier());
        try {
            snapshotCollection.replaceOne(
                    Filters.and(
                            Filters.eq("_id", snapshot.getAggregateIdentifier()),
                            Filters.lt(eventConfiguration().sequenceNumberProperty(), snapshot.getSequenceNumber())),
                    document,
                    new ReplaceOptions().upsert(true));
        } catch (MongoWriteException newer) {
            if (newer.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw newer;
            }
            // a snapshot as new or newer is stored already
        }
    }

    /** Nothing to delete: an integration has one snapshot, replaced. */
    @Override
    public void deleteSnapshots(
            MongoCollection<Document> snapshotCollection, String aggregateIdentifier, long sequence) {}

    @Override
    public Stream<? extends DomainEventData<?>> findSnapshots(
            MongoCollection<Document> snapshotCollection, String aggregateIdentifier) {
        Document snapshot =
                snapshotCollection.find(Filters.eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(extractSnapshot(snapshot));
    }

    /** The positions' unique index; every other read is by {@code _id}. */
    @Override
    public void ensureIndexes(
            MongoCollection<Document> eventsCollection, MongoCollection<Document> snapshotsCollection) {
        eventsCollection.createIndex(
                Indexes.ascending(EventKeys.POSITION),
                new IndexOptions().unique(true).name(EventKeys.POSITION_INDEX));
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
        Document stored = eventCollection
                .find(Filters.eq("_id", EventKeys.key(aggregate, sequence)))
                .projection(Projections.include(eventConfiguration().timestampProperty()))
                .first();
        Object timestamp =
                stored == null ? null : stored.get(eventConfiguration().timestampProperty());
        return timestamp == null ? null : parseInstant(timestamp.toString());
    }
}
