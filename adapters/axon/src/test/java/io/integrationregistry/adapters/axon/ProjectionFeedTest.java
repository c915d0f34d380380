package io.integrationregistry.adapters.axon;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A projection fed an integration's events with one missing applies the missing ones from the event store
 * first; an event it cannot apply is recorded and skipped, a storage failure goes back to the processor.
 */
class ProjectionFeedTest {

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(DomainJackson.objectMapper())
            .revisionResolver(new EventRevisions())
            .build();
    private MongoServer server;
    private MongoClient client;
    private EmbeddedEventStore eventStore;
    private PoisonedEvents poisoned;

    /** A model as the read models keep one: per integration the version applied, and what was applied in order. */
    private final Map<String, Long> versions = new HashMap<>();

    private final List<RecordedEvent> applied = new ArrayList<>();
    private Consumer<RecordedEvent> onApply = event -> {};

    private final IntegrationId id = Samples.newId();
    private final List<DomainEventMessage<?>> stored = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new MongoServer(new H2Backend(new MVStore.Builder().open()));
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase database = client.getDatabase("feed");
        MongoEventStorageEngine engine = AxonMongoConfiguration.positionedEngine(
                database,
                DefaultMongoTemplate.builder().mongoDatabase(database).build(),
                MongoEventStorageEngine.builder().eventSerializer(serializer).snapshotSerializer(serializer),
                new AggregateOrderedStorageStrategy(database, Duration.ofSeconds(5), Duration.ofSeconds(2)));
        eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        poisoned = new PoisonedEvents(database);
        List<IntegrationEvent> events = Samples.everyKind(id);
        String[] actors = {"alice", "bob", "carol", "dave"};
        for (int sequence = 0; sequence < events.size(); sequence++) {
            stored.add(new GenericDomainEventMessage<>(
                    "Integration",
                    id.value(),
                    sequence,
                    events.get(sequence),
                    MetaData.with(AxonIntegrationStore.ACTOR, actors[sequence])));
        }
        engine.appendEvents(stored);
    }

    @AfterEach
    void stop() {
        eventStore.shutDown();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aSkippedEventIsReadFromTheStoreAndAppliedBeforeTheNextSoItsChangesKeepTheirActor() {
        ProjectionFeed feed = feed();

        feed.handle(delivered(0));
        feed.handle(delivered(2));

        assertThat(applied)
                .extracting(RecordedEvent::sequence, RecordedEvent::actor)
                .containsExactly(tuple(0L, "alice"), tuple(1L, "bob"), tuple(2L, "carol"));
    }

    @Test
    void aDeactivationFollowingAnAdditionNeverDeliveredAppliesTheAdditionFirst() {
        ProjectionFeed feed = feed();

        feed.handle(delivered(2));

        assertThat(applied).extracting(RecordedEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aPoisonEventIsRecordedAndSkippedAndTheNextEventsAreStillApplied() {
        onApply = event -> {
            if (event.sequence() == 1) {
                throw new NullPointerException("an edit follows nothing");
            }
        };
        ProjectionFeed feed = feed();

        feed.handle(delivered(0));
        feed.handle(delivered(1));
        feed.handle(delivered(3));

        assertThat(poisoned.poisoned("feed-test")).isEqualTo(1);
        assertThat(applied).extracting(RecordedEvent::sequence).containsExactly(0L, 2L, 3L);
        var record = client.getDatabase("feed")
                .getCollection(PoisonedEvents.COLLECTION)
                .find()
                .first();
        assertThat(record)
                .containsEntry("eventId", stored.get(1).getIdentifier())
                .containsEntry("errorClass", NullPointerException.class.getName())
                .containsEntry("message", "an edit follows nothing");
    }

    @Test
    void aStorageFailureGoesBackToTheProcessorAndIsNotSkipped() {
        onApply = event -> {
            throw new MongoSocketException("the database is away", new ServerAddress());
        };
        ProjectionFeed feed = feed();

        assertThatThrownBy(() -> feed.handle(delivered(0))).isInstanceOf(MongoSocketException.class);
        assertThat(poisoned.poisoned("feed-test")).isZero();
    }

    @Test
    void theEventsOfAProcessorBatchAreWrittenTogetherOnceItsLastEventArrives() {
        List<List<RecordedEvent>> written = new ArrayList<>();
        ProjectionFeed feed = bulkFeed(written::add);
        List<GenericEventMessage<Integer>> messages =
                List.of(0, 1, 2).stream().map(GenericEventMessage::new).toList();
        BatchingUnitOfWork<GenericEventMessage<Integer>> batch = new BatchingUnitOfWork<>(messages);
        List<Integer> writtenWhenHandled = new ArrayList<>();

        batch.executeWithResult(() -> {
            feed.handle(delivered((Integer) CurrentUnitOfWork.get().getMessage().getPayload()));
            writtenWhenHandled.add(written.size());
            return null;
        });

        assertThat(writtenWhenHandled).containsExactly(0, 0, 1);
        assertThat(written).hasSize(1);
        assertThat(written.get(0)).extracting(RecordedEvent::sequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aBatchHoldingAPoisonEventIsAppliedOneByOneSoThatOnlyThatEventIsSkipped() {
        onApply = event -> {
            if (event.sequence() == 1) {
                throw new IllegalArgumentException("not a change of an existing entry");
            }
        };
        ProjectionFeed feed = bulkFeed(batch -> {
            batch.forEach(event -> onApply.accept(event));
            throw new AssertionError("a batch holding a poison event cannot be written");
        });

        feed.handleAll(List.of(delivered(0), delivered(1), delivered(2), delivered(3)));

        assertThat(applied).extracting(RecordedEvent::sequence).containsExactly(0L, 2L, 3L);
        assertThat(poisoned.poisoned("feed-test")).isEqualTo(1);
    }

    @Test
    void aBatchWhoseWriteTheDatabaseFailsGoesBackToTheProcessorWhole() {
        ProjectionFeed feed = bulkFeed(batch -> {
            throw new MongoSocketException("the database is away", new ServerAddress());
        });

        assertThatThrownBy(() -> feed.handleAll(List.of(delivered(0), delivered(1))))
                .isInstanceOf(MongoSocketException.class);
        assertThat(applied).isEmpty();
        assertThat(poisoned.poisoned("feed-test")).isZero();
    }

    @Test
    void aBatchContinuingAnIntegrationPastTheModelsVersionGetsTheMissingEventsFirst() {
        List<List<RecordedEvent>> written = new ArrayList<>();
        ProjectionFeed feed = bulkFeed(written::add);
        versions.put(id.value(), 0L);

        feed.handleAll(List.of(delivered(2), delivered(3)));

        assertThat(written.get(0)).extracting(RecordedEvent::sequence).containsExactly(1L, 2L, 3L);
    }

    /** A feed that writes batches with {@code bulk}, and single events as {@link #feed()} does. */
    private ProjectionFeed bulkFeed(Consumer<List<RecordedEvent>> bulk) {
        return new ProjectionFeed(
                "feed-test",
                "feed-test",
                event -> {
                    onApply.accept(event);
                    applied.add(event);
                    versions.merge(event.event().integrationId().value(), event.sequence(), Math::max);
                },
                bulk,
                ids -> {
                    Map<IntegrationId, Long> known = new HashMap<>();
                    ids.forEach(one -> {
                        if (versions.containsKey(one.value())) {
                            known.put(one, versions.get(one.value()));
                        }
                    });
                    return known;
                },
                eventStore,
                poisoned);
    }

    private ProjectionFeed feed() {
        return new ProjectionFeed(
                "feed-test",
                event -> {
                    onApply.accept(event);
                    applied.add(event);
                    versions.merge(event.event().integrationId().value(), event.sequence(), Math::max);
                },
                integration -> versions.containsKey(integration.value())
                        ? OptionalLong.of(versions.get(integration.value()))
                        : OptionalLong.empty(),
                eventStore,
                poisoned);
    }

    @SuppressWarnings("unchecked")
    private RecordedEvent delivered(int sequence) {
        return RecordedEvents.of((DomainEventMessage<IntegrationEvent>) stored.get(sequence));
    }
}
