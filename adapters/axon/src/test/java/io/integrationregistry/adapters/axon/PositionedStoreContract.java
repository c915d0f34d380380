package io.integrationregistry.adapters.axon;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's order by position: what a processor reads when appends fail, stall or never finish, and how a
 * store written before positions is brought to them.
 */
abstract class PositionedStoreContract {

    private static final Duration GAP_WAIT = Duration.ofMillis(300);
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(DomainJackson.objectMapper())
            .revisionResolver(new EventRevisions())
            .build();
    MongoDatabase database;
    MongoTemplate template;
    private AggregateOrderedStorageStrategy strategy;
    private MongoEventStorageEngine engine;

    abstract MongoClient client();

    @BeforeEach
    void freshDatabase() {
        database = client().getDatabase("positioned_store_contract");
        database.drop();
        template = AxonMongoConfiguration.eventStoreTemplate(database);
        engine = newEngine();
    }

    private MongoEventStorageEngine newEngine() {
        strategy = new AggregateOrderedStorageStrategy(database, GAP_WAIT, Duration.ofSeconds(2));
        return AxonMongoConfiguration.positionedEngine(
                database,
                template,
                MongoEventStorageEngine.builder()
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(AxonMongoConfiguration.upcasters()),
                strategy);
    }

    @Test
    void anAppendRefusedAsConcurrentVoidsThePositionItTookAndReadersGoOnAtOnce() {
        IntegrationId id = Samples.newId();
        IntegrationId other = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id), Samples.editedToApiKey(id, 1))));
        assertThatThrownBy(() -> engine.appendEvents(messages(id, 1, List.of(Samples.editedToApiKey(id, 2)))))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(messages(other, 0, List.of(Samples.added(other))));

        // One pass, no waiting: the refused append's position is void already.
        assertThat(readAll(null)).containsExactly(id.value() + "/0", id.value() + "/1", other.value() + "/0");
        assertThat(template.eventCollection().countDocuments(Filters.eq("_id", 3L)))
                .isEqualTo(1);
    }

    @Test
    void aPositionTakenButNeverFilledHoldsTheReadersBackThenIsVoidedAndALateInsertIsRefused() throws Exception {
        IntegrationId id = Samples.newId();
        // An append that took its position and died before its insert.
        long abandoned = strategy.positions().take(1, Duration.ofSeconds(2));
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));

        assertThat(readAll(null))
                .as("held back while the position may still be filled")
                .isEmpty();
        Thread.sleep(GAP_WAIT.toMillis() + 100);
        assertThat(readAll(null)).containsExactly(id.value() + "/0");

        // The insert that took the position, had it been only slow, is refused now: never acknowledged, never lost.
        assertThatThrownBy(() -> template.eventCollection()
                        .insertOne(new Document("_id", "late:0").append(EventKeys.POSITION, abandoned)))
                .isInstanceOf(MongoWriteException.class);
    }

    @Test
    void anEventStoredWhileItsPositionWasWaitedForIsReadInItsPlace() {
        IntegrationId slow = Samples.newId();
        IntegrationId fast = Samples.newId();
        // The slow append took position 1, the fast one 2 and was stored first.
        long taken = strategy.positions().take(1, Duration.ofSeconds(2));
        engine.appendEvents(messages(fast, 0, List.of(Samples.added(fast))));
        assertThat(readAll(null)).isEmpty();

        Document late = template.eventCollection()
                .find(Filters.eq(EventKeys.POSITION, 2L))
                .first();
        late.put("_id", EventKeys.key(slow.value(), 0));
        late.put("aggregateIdentifier", slow.value());
        late.put(EventKeys.POSITION, taken);
        late.put("eventIdentifier", UUID.randomUUID().toString());
        template.eventCollection().insertOne(late);

        assertThat(readAll(null)).containsExactly(slow.value() + "/0", fast.value() + "/0");
    }

    @Test
    void aStoreWrittenBeforePositionsIsLaidOutOnceInTimeOrderAndReadAgainFromTheStart() {
        IntegrationId first = Samples.newId();
        IntegrationId second = Samples.newId();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        database.drop();
        // Axon's own layout: generated ids, no positions; stored out of time order.
        MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build()
                .appendEvents(List.of(
                        stamped(second, 0, Samples.added(second), t0.plusSeconds(1)),
                        stamped(first, 0, Samples.added(first), t0),
                        stamped(first, 1, Samples.editedToApiKey(first, 1), t0.plusSeconds(2))));

        engine = newEngine();
        // A second start finds it done.
        engine = newEngine();

        assertThat(template.eventCollection()
                        .find()
                        .sort(Sorts.ascending(EventKeys.POSITION))
                        .map(document -> document.getString("_id") + "@" + document.get(EventKeys.POSITION))
                        .into(new ArrayList<>()))
                .containsExactly(
                        EventKeys.key(first.value(), 0) + "@1",
                        EventKeys.key(second.value(), 0) + "@2",
                        EventKeys.key(first.value(), 1) + "@3");
        assertThat(database.getCollection(PositionedLayout.BEFORE_POSITIONS).countDocuments())
                .isEqualTo(3);
        // A processor whose token is of the old kind reads again from the start.
        assertThat(readAll(MongoTrackingToken.of(t0.plusSeconds(5), Map.of())))
                .containsExactly(first.value() + "/0", second.value() + "/0", first.value() + "/1");
        assertThat(engine.readEvents(first.value()).asStream().count()).isEqualTo(2);
        engine.appendEvents(messages(second, 1, List.of(Samples.editedToApiKey(second, 1))));
        assertThat(template.eventCollection()
                        .find(Filters.eq("_id", EventKeys.key(second.value(), 1)))
                        .first()
                        .get(EventKeys.POSITION))
                .isEqualTo(4L);
    }

    @Test
    void appendsRacingOnOneInstanceAndAcrossInstancesTakeEveryPositionOnceAndLeaveNoHole() throws Exception {
        // Two instances, each with appends on several threads (the embedded server's findAndModify would hand two
        // of them the same counter value: positions are taken by compare-and-set instead).
        List<EventPositions> instances = List.of(strategy.positions(), new EventPositions(database));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Long> taken = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> appends = new ArrayList<>();
        for (int thread = 0; thread < 8; thread++) {
            EventPositions positions = instances.get(thread % 2);
            appends.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    taken.add(positions.take(1, Duration.ofSeconds(10)));
                }
            }));
        }
        for (Future<?> append : appends) {
            append.get();
        }
        pool.shutdown();

        assertThat(taken).doesNotHaveDuplicates().hasSize(400);
        assertThat(taken.stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(400);
    }

    @Test
    void aRunOfVoidsLongerThanABatchIsPassedOverInOneRead() {
        // More voids in a row than a read asks for (Axon's batch: 100 here), then an event.
        long first = strategy.positions().take(250, Duration.ofSeconds(2));
        List<Document> voids = new ArrayList<>();
        for (long position = first; position < first + 250; position++) {
            voids.add(EventKeys.voidAt(position));
        }
        template.eventCollection().insertMany(voids);
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));

        assertThat(engine.readEvents(null, false).toList())
                .extracting(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                .containsExactly(id.value());
    }

    @Test
    void theChangesFollowedForProviderCallsIncludeAnEventStoredAfterALaterOne() {
        StoredChanges changes = new StoredChanges(template.eventCollection(), new EventPositions(database));
        long seen = changes.head();
        IntegrationId slow = Samples.newId();
        IntegrationId fast = Samples.newId();
        long taken = strategy.positions().take(1, Duration.ofSeconds(2));
        engine.appendEvents(messages(fast, 0, List.of(Samples.added(fast))));

        StoredChanges.Seen first = changes.since(seen);
        assertThat(first.integrations()).containsExactly(fast.value());
        // The slow append lands after the look: the next look still finds it.
        template.eventCollection()
                .insertOne(new Document("_id", EventKeys.key(slow.value(), 0))
                        .append("aggregateIdentifier", slow.value())
                        .append(EventKeys.POSITION, taken));
        assertThat(changes.since(first.position()).integrations()).containsExactly(slow.value());
        assertThat(changes.since(first.position()).integrations()).isEmpty();
    }

    @Test
    void anAppendWhosePositionWasGivenUpFailsAsAnOutageNotAsAConflict() {
        IntegrationId id = Samples.newId();
        // A reader gave up the next position while the append that takes it was held up before its insert.
        long next = strategy.positions().last() + 1;
        template.eventCollection().insertOne(EventKeys.voidAt(next));

        assertThatThrownBy(() -> engine.appendEvents(messages(id, 0, List.of(Samples.added(id)))))
                .satisfies(failure ->
                        assertThat(AxonIntegrationStore.isOutage(failure)).isTrue())
                .isNotInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents(id.value()).asStream().count()).isZero();
        // Nothing of it is stored; the integration can be added again.
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));
        assertThat(engine.readEvents(id.value()).asStream().count()).isEqualTo(1);
    }

    @Test
    void theHeadIsTheNewestStoredEventNotAPositionLeftVoid() {
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));
        assertThatThrownBy(() -> engine.appendEvents(messages(id, 0, List.of(Samples.added(id)))))
                .isInstanceOf(RuntimeException.class);

        assertThat(engine.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(1));
        assertThat(engine.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(0));
    }

    @Test
    void aReadThatPassesOverVoidsUpToTheLastPositionThisInstanceTookFindsAnotherInstancesEventsAfterThem() {
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));
        // This instance's next append is refused: position 2, the last it took, is void.
        assertThatThrownBy(() -> engine.appendEvents(messages(id, 0, List.of(Samples.added(id)))))
                .isInstanceOf(RuntimeException.class);
        assertThat(template.eventCollection().countDocuments(Filters.eq("_id", 2L)))
                .isEqualTo(1);
        // Another instance stores an event at position 3; nothing tells this one.
        IntegrationId other = Samples.newId();
        newEngine().appendEvents(messages(other, 0, List.of(Samples.added(other))));

        assertThat(readAll(new GlobalSequenceTrackingToken(1))).containsExactly(other.value() + "/0");
    }

    @Test
    void processorStreamsStandingAtDifferentTokensEachReadEveryEventAfterTheirsInOrder() throws Exception {
        RegistryEventStore store = eventStore(Duration.ofMillis(50));
        try {
            IntegrationId id = Samples.newId();
            IntegrationId other = Samples.newId();
            store.publish(messages(id, 0, List.of(Samples.added(id), Samples.editedToApiKey(id, 1))));
            TrackingEventStream ahead = store.openStream(null);
            assertThat(next(ahead, 2)).containsExactly(id.value() + "/0", id.value() + "/1");
            TrackingEventStream behind = store.openStream(new GlobalSequenceTrackingToken(1));

            store.publish(messages(other, 0, List.of(Samples.added(other))));
            store.publish(messages(id, 2, List.of(Samples.editedToApiKey(id, 2))));

            assertThat(next(ahead, 2)).containsExactly(other.value() + "/0", id.value() + "/2");
            assertThat(next(behind, 3)).containsExactly(id.value() + "/1", other.value() + "/0", id.value() + "/2");
            assertThat(ahead.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(behind.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
            ahead.close();
            behind.close();
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aStreamThatReadEverythingIsWokenByAStoreOnThisInstanceLongBeforeItsPoll() throws Exception {
        Duration poll = Duration.ofSeconds(60);
        RegistryEventStore store = eventStore(poll);
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        try {
            TrackingEventStream stream = store.openStream(null);
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            long began = System.nanoTime();
            Future<Boolean> woken = waiter.submit(() -> stream.hasNextAvailable(120, TimeUnit.SECONDS));
            Thread.sleep(200);
            IntegrationId id = Samples.newId();
            store.publish(messages(id, 0, List.of(Samples.added(id))));

            assertThat(woken.get(poll.toSeconds() / 2, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(poll);
            assertThat(next(stream, 1)).containsExactly(id.value() + "/0");
            stream.close();
        } finally {
            waiter.shutdownNow();
            store.shutDown();
        }
    }

    @Test
    void aStreamFindsAnotherInstancesEventsAtItsNextPoll() throws Exception {
        RegistryEventStore store = eventStore(Duration.ofMillis(100));
        try {
            TrackingEventStream stream = store.openStream(null);
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            // Another instance: its own engine on the same database, which wakes nothing here.
            MongoEventStorageEngine otherInstance = newEngine();
            IntegrationId id = Samples.newId();
            otherInstance.appendEvents(messages(id, 0, List.of(Samples.added(id))));

            assertThat(stream.hasNextAvailable(30, TimeUnit.SECONDS)).isTrue();
            assertThat(next(stream, 1)).containsExactly(id.value() + "/0");
            stream.close();
        } finally {
            store.shutDown();
        }
    }

    private RegistryEventStore eventStore(Duration poll) {
        return new RegistryEventStore(EmbeddedEventStore.builder().storageEngine(engine), poll);
    }

    /** The next {@code count} events of {@code stream}, as {@code <integration>/<sequence>}. */
    private static List<String> next(TrackingEventStream stream, int count) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS))
                    .as("event %d of %d", i + 1, count)
                    .isTrue();
            DomainEventMessage<?> event = (DomainEventMessage<?>) stream.nextAvailable();
            seen.add(event.getAggregateIdentifier() + "/" + event.getSequenceNumber());
        }
        return seen;
    }

    /** Every event a processor reads from {@code token} on, as {@code <integration>/<sequence>}, until none. */
    private List<String> readAll(TrackingToken from) {
        List<String> seen = new ArrayList<>();
        TrackingToken token = from;
        List<? extends TrackedEventMessage<?>> batch;
        do {
            batch = engine.readEvents(token, false).toList();
            for (TrackedEventMessage<?> message : batch) {
                DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                seen.add(event.getAggregateIdentifier() + "/" + event.getSequenceNumber());
                token = message.trackingToken();
            }
        } while (!batch.isEmpty());
        return seen;
    }

    private static DomainEventMessage<?> stamped(
            IntegrationId id, long sequence, IntegrationEvent event, Instant timestamp) {
        return new GenericDomainEventMessage<>(
                "Integration",
                id.value(),
                sequence,
                event,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                timestamp);
    }

    private static List<DomainEventMessage<?>> messages(
            IntegrationId id, long firstSequence, List<? extends IntegrationEvent> events) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        long sequence = firstSequence;
        for (IntegrationEvent event : events) {
            messages.add(new GenericDomainEventMessage<>("Integration", id.value(), sequence++, event));
        }
        return messages;
    }
}
