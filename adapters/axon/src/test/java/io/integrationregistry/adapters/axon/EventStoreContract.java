package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationState;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the service needs of its event store, token store and snapshot store on MongoDB. The same
 * contract runs against every server the service supports.
 */
abstract class EventStoreContract {

    private static final String AGGREGATE_TYPE = "Integration";
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(DomainJackson.objectMapper())
            .revisionResolver(new EventRevisions())
            .build();
    private MongoDatabase database;
    private MongoTemplate template;
    private MongoEventStorageEngine engine;

    /** A client of the server under test; the contract uses its own database and clears it. */
    abstract MongoClient client();

    @BeforeEach
    void freshDatabase() {
        database = client().getDatabase("event_store_contract");
        database.drop();
        template = AxonMongoConfiguration.eventStoreTemplate(database);
        engine = newEngine();
    }

    /** What the storing instance's clock reads; null: the real time. */
    private Instant storeClock;

    @Test
    void noProjectionAppliesAnEventAFailoverCouldRollBack() {
        // The service's own template, as Spring declares it: every collection the event store reads from.
        MongoTemplate served = new AxonMongoConfiguration()
                .axonMongoTemplate(new SimpleMongoClientDatabaseFactory(client(), "event_store_contract"));
        for (MongoCollection<Document> collection :
                List.of(served.eventCollection(), served.snapshotCollection(), served.trackingTokensCollection())) {
            assertThat(collection.getReadConcern())
                    .as(collection.getNamespace().getFullName())
                    .isEqualTo(ReadConcern.MAJORITY);
            assertThat(collection.getReadPreference()).isEqualTo(ReadPreference.primary());
        }
        // and the server answers reads made so
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));
        assertThat(served.eventCollection().countDocuments()).isEqualTo(1);
    }

    /** The store under test, laid out and indexed as the service's is (see AxonMongoConfiguration). */
    private MongoEventStorageEngine newEngine() {
        return AxonMongoConfiguration.positionedEngine(
                database,
                template,
                MongoEventStorageEngine.builder()
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .upcasterChain(AxonMongoConfiguration.upcasters()),
                new AggregateOrderedStorageStrategy(
                        database,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2),
                        () -> storeClock == null ? Instant.now() : storeClock));
    }

    /**
     * A store as the layout before positions wrote it: the database emptied, then written by Axon's own Mongo
     * storage (documents under generated ids, no positions), with {@code writer}'s serializer.
     */
    private void storedBeforePositions(Serializer writer, List<DomainEventMessage<?>> events) {
        database.drop();
        MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .eventSerializer(writer)
                .snapshotSerializer(serializer)
                .build()
                .appendEvents(events);
    }

    @Test
    void snapshotsCarryARevisionAndOnesOfAnotherAreIgnored() {
        EventStorageEngine filtering = new AxonMongoConfiguration()
                .eventStorageEngine(
                        template,
                        new SimpleMongoClientDatabaseFactory(client(), "event_store_contract"),
                        serializer,
                        serializer,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2));
        IntegrationId id = Samples.newId();
        List<IntegrationEvent> events = List.of(Samples.added(id), Samples.editedToApiKey(id, 1));
        filtering.appendEvents(messages(id, 0, events));
        AxonIntegration aggregate = new AxonIntegration();
        events.forEach(aggregate::on);
        filtering.storeSnapshot(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), 1, aggregate));

        Document stored = template.snapshotCollection()
                .find(new Document("_id", id.value()))
                .first();
        assertThat(stored.getString("payloadRevision")).isEqualTo(AxonIntegration.SNAPSHOT_REVISION);
        assertThat(filtering.readSnapshot(id.value())).isPresent();

        // The same snapshot as an older shape wrote it: no revision, and no request parameters in the state.
        String older = stored.get("serializedPayload").toString().replaceAll("\"requestParameters\":\"[^\"]*\",?", "");
        assertThat(older).doesNotContain("requestParameters");
        template.snapshotCollection()
                .updateOne(
                        new Document("_id", stored.get("_id")),
                        new Document("$set", new Document("serializedPayload", older))
                                .append("$unset", new Document("payloadRevision", "")));

        assertThat(filtering.readSnapshot(id.value())).isEmpty();
        EmbeddedEventStore store =
                EmbeddedEventStore.builder().storageEngine(filtering).build();
        try {
            List<Object> loaded = new ArrayList<>();
            store.readEvents(id.value()).asStream().forEach(message -> loaded.add(message.getPayload()));
            assertThat(loaded).containsExactlyElementsOf(events);
            IntegrationState state = IntegrationDecider.initialState();
            for (Object event : loaded) {
                state = IntegrationDecider.evolve(state, (IntegrationEvent) event);
            }
            assertThat(((Integration) state).requestParameters()).isEqualTo(RequestParameters.NONE);
        } finally {
            store.shutDown();
        }
    }

    @Test
    void aStateWithAMissingRequiredFieldRefusesToBuild() {
        Integration whole = (Integration)
                IntegrationDecider.evolve(IntegrationDecider.initialState(), Samples.added(Samples.newId()));
        assertThatThrownBy(() -> new Integration(
                        whole.id(),
                        whole.companyId(),
                        whole.name(),
                        whole.baseApiUrl(),
                        null,
                        whole.authentication(),
                        true,
                        null,
                        whole.createdAt(),
                        whole.updatedAt()))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("requestParameters");
    }

    @Test
    void given_every_kind_of_event_when_stored_and_read_back_then_each_is_equal_to_what_was_stored() {
        IntegrationId id = Samples.newId();
        List<IntegrationEvent> events = Samples.everyKind(id);
        engine.appendEvents(messages(id, 0, events));

        List<Object> read = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(message -> read.add(message.getPayload()));

        assertThat(read).containsExactlyElementsOf(events);
    }

    @Test
    void given_stored_events_when_the_raw_document_is_read_then_the_secret_appears_only_as_its_sealed_ciphertext() {
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));

        Document stored = template.eventCollection().find().first();

        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).contains(Samples.CLIENT_SECRET.ciphertext()).contains("\"type\"");
    }

    @Test
    void given_an_edit_stored_in_revision_1_when_read_then_it_is_upcast_to_the_current_shape() {
        IntegrationId id = Samples.newId();
        IntegrationEvent.IntegrationEdited edited = new IntegrationEvent.IntegrationEdited(
                id,
                Samples.COMPANY,
                Samples.T0.plusSeconds(1),
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api"),
                new RequestParameters("access_type=offline"),
                new Authentication.ApiKey(Samples.API_KEY));
        ObjectMapper revision1Shape =
                DomainJackson.objectMapper().addMixIn(IntegrationEvent.IntegrationEdited.class, Revision1Edited.class);
        storedBeforePositions(
                JacksonSerializer.builder().objectMapper(revision1Shape).build(),
                messages(id, 0, List.of(Samples.added(id), edited)));
        assertThat(template.eventCollection()
                        .find(new Document("sequenceNumber", 1L))
                        .first()
                        .toJson())
                .contains("queryString")
                .doesNotContain("requestParameters");
        engine = newEngine();

        List<Object> read = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(message -> read.add(message.getPayload()));

        assertThat(read).containsExactly(Samples.added(id), edited);
    }

    @Test
    void oauth2EventsStoredBeforeScopesAreReadWithNoScopes() {
        IntegrationId id = Samples.newId();
        IntegrationEvent.IntegrationEdited backToOAuth2 = new IntegrationEvent.IntegrationEdited(
                id,
                Samples.COMPANY,
                Samples.T0.plusSeconds(2),
                new IntegrationName("Docs 2"),
                new BaseApiUrl("https://docs.example/api/v1"),
                RequestParameters.NONE,
                Samples.oauth2(id));
        List<IntegrationEvent> events = List.of(Samples.added(id), Samples.editedToApiKey(id, 1), backToOAuth2);
        // As the revision before scopes stored them: IntegrationAdded without a revision, IntegrationEdited
        // in revision 2, and no scopes in the OAuth2 authentication.
        ObjectMapper beforeScopes = DomainJackson.objectMapper().addMixIn(Authentication.OAuth2.class, NoScopes.class);
        storedBeforePositions(
                JacksonSerializer.builder()
                        .objectMapper(beforeScopes)
                        .revisionResolver(type -> type == IntegrationEvent.IntegrationEdited.class
                                ? EventRevisions.INTEGRATION_EDITED_2
                                : null)
                        .build(),
                messages(id, 0, events));
        List<Document> stored = new ArrayList<>();
        template.eventCollection()
                .find()
                .sort(new Document("sequenceNumber", 1))
                .into(stored);
        assertThat(stored)
                .extracting(document -> document.getString("payloadRevision"))
                .containsExactly(null, "2", "2");
        assertThat(stored).allSatisfy(document -> assertThat(document.toJson()).doesNotContain("scopes"));
        engine = newEngine();

        List<Object> read = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(message -> read.add(message.getPayload()));

        assertThat(read).containsExactlyElementsOf(events);
        assertThat(((Authentication.OAuth2) ((IntegrationEvent.IntegrationAdded) read.get(0)).authentication())
                        .scopes())
                .isEqualTo(Scopes.NONE);
    }

    @Test
    void scopesAreStoredInTheNewRevisionsAndReadBack() {
        IntegrationId id = Samples.newId();
        Authentication.OAuth2 withScopes = Samples.oauth2(id, Scopes.of("openid", "files.read"));
        IntegrationEvent.IntegrationAdded added = new IntegrationEvent.IntegrationAdded(
                id,
                Samples.COMPANY,
                Samples.T0,
                new IntegrationName("Docs"),
                new BaseApiUrl("https://docs.example/api/v1"),
                RequestParameters.NONE,
                withScopes,
                true);
        engine.appendEvents(messages(id, 0, List.of(added)));

        Document stored = template.eventCollection().find().first();
        assertThat(stored.getString("payloadRevision")).isEqualTo(EventRevisions.INTEGRATION_ADDED);
        assertThat(stored.get("serializedPayload").toString()).contains("\"scopes\":[\"openid\",\"files.read\"]");
        List<Object> read = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(message -> read.add(message.getPayload()));
        assertThat(read).containsExactly(added);
    }

    /** The OAuth2 authentication as it was stored before it had scopes. */
    @JsonIgnoreProperties("scopes")
    abstract static class NoScopes {}

    /** IntegrationEdited as revision 1 stored it. */
    abstract static class Revision1Edited {
        @JsonProperty("queryString")
        abstract RequestParameters requestParameters();
    }

    @Test
    void given_a_sequence_number_already_used_when_another_event_is_appended_at_it_then_it_is_refused_as_concurrent() {
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id), Samples.editedToApiKey(id, 1))));

        assertThatThrownBy(() -> engine.appendEvents(messages(id, 1, List.of(Samples.editedToApiKey(id, 2)))))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(messages(id, 0, List.of(Samples.added(id)))))
                .isInstanceOfAny(ConcurrencyException.class, AggregateStreamCreationException.class);
        assertThat(engine.readEvents(id.value()).asStream().count()).isEqualTo(2);
    }

    @Test
    void given_two_instances_racing_to_append_the_same_next_event_then_exactly_one_succeeds_and_none_is_lost()
            throws Exception {
        IntegrationId id = Samples.newId();
        engine.appendEvents(messages(id, 0, List.of(Samples.added(id))));
        MongoEventStorageEngine other = newEngine();
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            MongoEventStorageEngine instance = i % 2 == 0 ? engine : other;
            int edit = i + 1;
            outcomes.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                try {
                    instance.appendEvents(messages(id, 1, List.of(Samples.editedToApiKey(id, edit))));
                    return true;
                } catch (ConcurrencyException expected) {
                    refused.incrementAndGet();
                    return false;
                }
            }));
        }
        start.countDown();
        long succeeded = 0;
        for (Future<Boolean> outcome : outcomes) {
            succeeded += outcome.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(succeeded).isEqualTo(1);
        assertThat(refused.get()).isEqualTo(racers - 1);
        assertThat(engine.readEvents(id.value()).asStream().count()).isEqualTo(2);
    }

    @Test
    void given_a_snapshot_when_the_aggregate_is_read_then_it_starts_from_the_snapshot_and_folds_the_rest() {
        IntegrationId id = Samples.newId();
        List<IntegrationEvent> events = Samples.everyKind(id);
        engine.appendEvents(messages(id, 0, events));
        AxonIntegration snapshot = new AxonIntegration();
        events.subList(0, 2).forEach(snapshot::on);
        engine.storeSnapshot(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), 1, snapshot));

        List<DomainEventMessage<?>> stream = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(stream::add);
        DomainEventMessage<?> restored = engine.readSnapshot(id.value()).orElseThrow();

        assertThat(((AxonIntegration) restored.getPayload()).state())
                .isEqualTo(IntegrationDecider.replay(events.subList(0, 2)));
        IntegrationState folded = ((AxonIntegration) restored.getPayload()).state();
        for (DomainEventMessage<?> message : stream) {
            if (message.getSequenceNumber() > restored.getSequenceNumber()) {
                folded = IntegrationDecider.evolve(folded, (IntegrationEvent) message.getPayload());
            }
        }
        assertThat(folded).isEqualTo(IntegrationDecider.replay(events));
    }

    @Test
    void given_events_of_several_integrations_when_tracked_from_the_start_then_every_event_is_seen_once_in_order() {
        List<IntegrationEvent> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            IntegrationId id = Samples.newId();
            List<IntegrationEvent> events = Samples.everyKind(id);
            engine.appendEvents(messages(id, 0, events));
            expected.addAll(events);
        }

        List<Object> seen = new ArrayList<>();
        TrackingToken token = null;
        List<? extends TrackedEventMessage<?>> batch;
        do {
            batch = engine.readEvents(token, false).toList();
            for (TrackedEventMessage<?> message : batch) {
                seen.add(message.getPayload());
                token = message.trackingToken();
            }
        } while (!batch.isEmpty());

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void
            given_an_event_stamped_before_its_predecessor_when_tracked_then_it_comes_in_store_order_with_its_predecessors_time() {
        IntegrationId id = Samples.newId();
        IntegrationId other = Samples.newId();
        Instant first = Instant.parse("2030-01-01T00:00:05.123Z");
        List<IntegrationEvent> events = Samples.everyKind(id);
        // Stored by an instance whose clock is 2 s ahead, then by one on time, then by one 2 s ahead again.
        storeClock = first;
        engine.appendEvents(List.of(stamped(id, 0, events.get(0), first)));
        storeClock = first.minusSeconds(2);
        engine.appendEvents(List.of(
                stamped(id, 1, events.get(1), first.minusSeconds(2)),
                stamped(id, 2, events.get(2), first.minusMillis(1_500))));
        storeClock = first.minusSeconds(1);
        engine.appendEvents(List.of(stamped(other, 0, Samples.added(other), first.minusSeconds(1))));
        storeClock = first.plusSeconds(1);
        engine.appendEvents(List.of(stamped(id, 3, events.get(3), first.plusSeconds(1))));

        List<String> seen = new ArrayList<>();
        Map<String, Instant> stampOf = new HashMap<>();
        TrackingToken token = null;
        List<? extends TrackedEventMessage<?>> batch;
        do {
            batch = engine.readEvents(token, false).toList();
            for (TrackedEventMessage<?> message : batch) {
                DomainEventMessage<?> event = (DomainEventMessage<?>) message;
                String key = (event.getAggregateIdentifier().equals(id.value()) ? "id/" : "other/")
                        + event.getSequenceNumber();
                seen.add(key);
                stampOf.put(key, event.getTimestamp());
                token = message.trackingToken();
            }
        } while (!batch.isEmpty());

        // In the order stored, whatever the clocks of the instances that stored them.
        assertThat(seen).containsExactly("id/0", "id/1", "id/2", "other/0", "id/3");
        assertThat(stampOf)
                .containsEntry("id/1", first)
                .containsEntry("id/2", first)
                .containsEntry("other/0", first.minusSeconds(1))
                .containsEntry("id/3", first.plusSeconds(1));
    }

    @Test
    void anAppendSlowerThanTheLookBackIsStampedWhenStoredNotWhenDecided() {
        IntegrationId id = Samples.newId();
        List<IntegrationEvent> events = Samples.everyKind(id);
        Instant decided = Instant.parse("2030-01-01T00:00:00.000Z");
        Instant stored = decided.plusSeconds(7);
        storeClock = decided;
        engine.appendEvents(List.of(stamped(id, 0, events.get(0), decided)));
        // The edit is decided at once, then stored 7 s later (a slow insert): it must carry the time it was stored.
        storeClock = stored;
        engine.appendEvents(List.of(stamped(id, 1, events.get(1), decided)));

        List<Instant> stamps = new ArrayList<>();
        engine.readEvents(id.value()).asStream().forEach(event -> stamps.add(event.getTimestamp()));

        assertThat(stamps).containsExactly(decided, stored);
    }

    @Test
    void given_a_claimed_token_when_another_node_tries_to_claim_it_then_it_is_refused_until_released() {
        MongoTokenStore first = tokenStore("node-1");
        MongoTokenStore second = tokenStore("node-2");
        first.initializeTokenSegments("integration-list", 1);

        first.storeToken(new GlobalSequenceTrackingToken(42), "integration-list", 0);

        assertThatThrownBy(() -> second.fetchToken("integration-list", 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        first.releaseClaim("integration-list", 0);
        assertThat(second.fetchToken("integration-list", 0)).isEqualTo(new GlobalSequenceTrackingToken(42));
    }

    private MongoTokenStore tokenStore(String node) {
        return MongoTokenStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .nodeId(node)
                .claimTimeout(Duration.ofMinutes(1))
                .build();
    }

    private static DomainEventMessage<?> stamped(
            IntegrationId id, long sequence, IntegrationEvent event, Instant timestamp) {
        return new GenericDomainEventMessage<>(
                AGGREGATE_TYPE,
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
            messages.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, id.value(), sequence++, event));
        }
        return messages;
    }
}
