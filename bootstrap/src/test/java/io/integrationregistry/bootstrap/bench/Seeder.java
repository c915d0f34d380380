package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.integrationregistry.adapters.mongo.SeededAuditTrail;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationState;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.SealedSecret;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Stores histories of integrations the way the service stores them, only faster: events in the service's
 * own event collection, in batches, serialised by its own serializer (its revisions) into the service's
 * document shape (each event keyed {@code <integration id>:<sequence number>}, at a position of the store taken
 * from its counter in {@code event_positions}, one {@code $inc} per batch, in the batch's order); and, where
 * asked, the read models those histories lead to: the list entries, written straight into
 * {@code integration_list} in the shape the list projection gives them, and the audit trail's entries and
 * subjects, as the service's audit adapter writes them (see {@link SeededAuditTrail}).
 *
 * <p>The events keep timestamps of their own in the past (from 2001-01-01, one second apart, in order), but the
 * service's tracking processors read the store by position, not by time: every seeded event is a backlog for
 * the live projections (the integration list and the audit trail), as events stored by commands are. Seeded
 * without their read models, the projections work through them ({@link Bench#seedThenCatchUp} waits for that);
 * seeded with them, the projections are stopped meanwhile and moved past them ({@link Bench#seedWithReadModels}).
 * The events are written without the service's storage engine, which stamps every event it appends with the
 * time of the append and bounds each insert by {@code registry.axon.append-timeout}: a batch of hundreds of events
 * could overrun the timeout on the embedded server.
 */
final class Seeder {

    static final String API_KEY = "provider-api-key-abcdefghijkl";
    static final String ACTOR = "seeder";
    private static final int BATCH = 2_000;
    /** The service's position counter: one document, its {@code last} the last position taken. */
    static final String POSITIONS = "event_positions";

    static final String POSITIONS_ID = "events";
    private static final Instant HISTORY_START = Instant.parse("2001-01-01T00:00:00Z");

    /** The shape of a history after its addition. */
    enum Shape {
        /** Edited, deactivated and activated in turn. */
        EDITS_AND_SWITCHES,
        /** Only deactivated and activated in turn. */
        SWITCHES_ONLY
    }

    /** What was stored: the integrations (and their last state), their events, how long it took. */
    record Seeded(List<Integration> integrations, long events, long listEntries, double seconds) {

        double documentsPerSecond() {
            return (events + listEntries) / seconds;
        }
    }

    private final MongoTemplate axonMongo;
    private final Serializer eventSerializer;
    private final EventDocuments documents = new EventDocuments();
    private final ForSealingSecrets secrets;
    private final Service service;
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong lastPosition = new AtomicLong();

    Seeder(Service service) {
        this.service = service;
        this.axonMongo = service.bean(MongoTemplate.class);
        this.eventSerializer = service.bean("eventSerializer", Serializer.class);
        this.secrets = service.bean(ForSealingSecrets.class);
    }

    Seeded integrations(
            CompanyId company, String namePrefix, int count, int eventsEach, Shape shape, boolean withReadModels) {
        return integrations(company, namePrefix, count, eventsEach, shape, withReadModels, Long.MAX_VALUE);
    }

    /** As many of {@code count} integrations as can be stored before {@code deadline} (a System.nanoTime()). */
    Seeded integrations(
            CompanyId company,
            String namePrefix,
            int count,
            int eventsEach,
            Shape shape,
            boolean withReadModels,
            long deadline) {
        long begin = System.nanoTime();
        List<EventMessage<?>> events = new ArrayList<>(BATCH + eventsEach);
        List<Document> entries = new ArrayList<>();
        List<Integration> integrations = new ArrayList<>(count);
        long stored = 0;
        long reported = begin;
        for (int i = 0; i < count; i++) {
            IntegrationId id = IntegrationId.of(UUID.randomUUID());
            List<GenericDomainEventMessage<IntegrationEvent>> history =
                    history(id, company, namePrefix + " " + i, eventsEach, shape);
            IntegrationState state = IntegrationDecider.initialState();
            for (GenericDomainEventMessage<IntegrationEvent> message : history) {
                state = IntegrationDecider.evolve(state, message.getPayload());
            }
            Integration integration = (Integration) state;
            integrations.add(integration);
            events.addAll(history);
            if (withReadModels) {
                entries.add(listEntry(integration, history.size() - 1));
            }
            if (events.size() >= BATCH) {
                if (withReadModels) {
                    insertEntries(entries);
                    insertAuditTrail(events);
                }
                append(events);
                stored += events.size();
                events.clear();
                if (System.nanoTime() - reported > 20e9) {
                    reported = System.nanoTime();
                    System.out.printf(
                            Locale.ROOT,
                            "[seeder] %d events stored, %.0f/s%n",
                            stored,
                            stored / ((reported - begin) / 1e9));
                }
            }
            if (events.isEmpty() && System.nanoTime() > deadline) {
                break;
            }
        }
        if (!events.isEmpty()) {
            if (withReadModels) {
                insertEntries(entries);
                insertAuditTrail(events);
            }
            append(events);
            stored += events.size();
        }
        return new Seeded(
                integrations, stored, withReadModels ? integrations.size() : 0, (System.nanoTime() - begin) / 1e9);
    }

    /** The audit trail's entries and subjects of whole histories, as the service's audit adapter writes them. */
    private void insertAuditTrail(List<EventMessage<?>> events) {
        List<RecordedEvent> recorded = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            GenericDomainEventMessage<?> message = (GenericDomainEventMessage<?>) event;
            recorded.add(new RecordedEvent(
                    message.getIdentifier(),
                    message.getSequenceNumber(),
                    (String) message.getMetaData().get("actor"),
                    (String) message.getMetaData().get("requestId"),
                    (String) message.getMetaData().get("source"),
                    (IntegrationEvent) message.getPayload()));
        }
        List<Document> entries = new ArrayList<>(events.size());
        List<Document> subjects = new ArrayList<>();
        SeededAuditTrail.of(recorded, entries, subjects);
        service.database().getCollection("audit_trail").insertMany(entries);
        service.database().getCollection("audit_subjects").insertMany(subjects);
    }

    private void insertEntries(List<Document> entries) {
        if (!entries.isEmpty()) {
            service.database().getCollection("integration_list").insertMany(entries);
            entries.clear();
        }
    }

    /**
     * Stores events with the timestamps they carry, as one insert, each under its key and at the next position
     * of the store, in their order: the batch takes its positions with one {@code $inc} of the counter first,
     * as the service's appends do.
     */
    void append(List<? extends EventMessage<?>> events) {
        List<Document> stored = documents.of(events, eventSerializer);
        // Taken as the service takes them, by compare-and-set: the embedded server's findAndModify can hand two
        // concurrent takers the same value.
        MongoCollection<Document> counters = service.database().getCollection(POSITIONS);
        long last;
        while (true) {
            Document counter = counters.find(Filters.eq("_id", POSITIONS_ID)).first();
            long seen = counter == null ? 0 : ((Number) counter.get("last")).longValue();
            if (counters.updateOne(
                                    Filters.and(Filters.eq("_id", POSITIONS_ID), Filters.eq("last", seen)),
                                    Updates.set("last", seen + stored.size()))
                            .getModifiedCount()
                    == 1) {
                last = seen + stored.size();
                break;
            }
        }
        long position = last - stored.size() + 1;
        for (Document document : stored) {
            document.put(
                    "_id",
                    document.getString("aggregateIdentifier") + ":"
                            + ((Number) document.get("sequenceNumber")).longValue());
            document.put("position", position++);
        }
        axonMongo.eventCollection().insertMany(stored);
        lastPosition.accumulateAndGet(last, Math::max);
    }

    /** The last position this seeder filled (0: none). */
    long lastPosition() {
        return lastPosition.get();
    }

    /** Axon's event documents, before the service's keys and positions are put in. */
    private static final class EventDocuments extends DocumentPerEventStorageStrategy {

        List<Document> of(List<? extends EventMessage<?>> events, Serializer serializer) {
            return createEventDocuments(events, serializer).collect(Collectors.toCollection(ArrayList::new));
        }
    }

    /** The events of one integration: its addition, then {@code eventsEach - 1} changes. */
    List<GenericDomainEventMessage<IntegrationEvent>> history(
            IntegrationId id, CompanyId company, String name, int eventsEach, Shape shape) {
        SealedSecret apiKey = secrets.seal(id, PlainSecret.of("authentication.apiKey", API_KEY));
        List<GenericDomainEventMessage<IntegrationEvent>> messages = new ArrayList<>(eventsEach);
        String requestId = UUID.randomUUID().toString();
        for (int sequence = 0; sequence < eventsEach; sequence++) {
            Instant at = HISTORY_START.plusSeconds(clock.getAndIncrement());
            IntegrationEvent event;
            if (sequence == 0) {
                event = new IntegrationEvent.IntegrationAdded(
                        id,
                        company,
                        at,
                        new IntegrationName(name),
                        new BaseApiUrl("https://docs.example/api/v1"),
                        RequestParameters.NONE,
                        new Authentication.ApiKey(apiKey),
                        true);
            } else if (shape == Shape.EDITS_AND_SWITCHES && sequence % 3 == 0) {
                event = new IntegrationEvent.IntegrationEdited(
                        id,
                        company,
                        at,
                        new IntegrationName(name),
                        new BaseApiUrl("https://docs.example/api/v" + (sequence + 1)),
                        new RequestParameters("revision=" + sequence),
                        new Authentication.ApiKey(apiKey));
            } else if (sequence % 2 == 1) {
                event = new IntegrationEvent.IntegrationDeactivated(id, company, at);
            } else {
                event = new IntegrationEvent.IntegrationActivated(id, company, at);
            }
            messages.add(new GenericDomainEventMessage<>(
                    "Integration",
                    id.value(),
                    sequence,
                    event,
                    Map.of("actor", ACTOR, "company", company.value(), "requestId", requestId, "source", "api"),
                    UUID.randomUUID().toString(),
                    at));
        }
        return messages;
    }

    /** The list entry of an integration at a version, as the list projection writes it. */
    static Document listEntry(Integration integration, long version) {
        Authentication.ApiKey apiKey = (Authentication.ApiKey) integration.authentication();
        Document secret = new Document("set", true);
        if (apiKey.apiKey().last4() != null) {
            secret.append("last4", apiKey.apiKey().last4());
        }
        return new Document("_id", integration.id().value())
                .append("name", integration.name().value())
                .append("nameKey", integration.name().uniquenessKey())
                .append("baseApiUrl", integration.baseApiUrl().value())
                .append("requestParameters", integration.requestParameters().value())
                .append("authentication", new Document("type", "API_KEY").append("apiKey", secret))
                .append("companyId", integration.companyId().value())
                .append("status", integration.status().name())
                .append("createdAt", Date.from(integration.createdAt()))
                .append("updatedAt", Date.from(integration.updatedAt()))
                .append("lastChangedBy", ACTOR)
                .append("version", version);
    }
}
