package io.integrationregistry.bootstrap.bench;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores histories of integrations the way the service stores them, only faster: events in the service's
 * own event collection, in batches, serialised by its own serializer (its revisions) into Axon's document
 * shape, which the service's storage engine also writes; and, where asked, the list entries those histories
 * lead to, written straight into {@code integration_list} in the shape the list projection gives them.
 *
 * <p>The histories are dated in the past (from 2001-01-01, one second apart, in order), before any event
 * the running service stores: the service's tracking processors, which follow the store by time, see
 * them only when replayed from the start, so seeding does not set them to work on a backlog. They are
 * written without the service's storage engine, which stamps every event it appends with the time of the
 * append and bounds each insert by {@code registry.axon.append-timeout}: seeded through it, the histories
 * would be dated now (a backlog for the processors) and a batch of hundreds of events could overrun the
 * timeout on the embedded server.
 */
final class Seeder {

    static final String API_KEY = "provider-api-key-abcdefghijkl";
    static final String ACTOR = "seeder";
    private static final int BATCH = 500;
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
    private final DocumentPerEventStorageStrategy documents = new DocumentPerEventStorageStrategy();
    private final ForSealingSecrets secrets;
    private final Service service;
    private final AtomicLong clock = new AtomicLong();

    Seeder(Service service) {
        this.service = service;
        this.axonMongo = service.bean(MongoTemplate.class);
        this.eventSerializer = service.bean("eventSerializer", Serializer.class);
        this.secrets = service.bean(ForSealingSecrets.class);
    }

    Seeded integrations(
            CompanyId company, String namePrefix, int count, int eventsEach, Shape shape, boolean withListEntries) {
        return integrations(company, namePrefix, count, eventsEach, shape, withListEntries, Long.MAX_VALUE);
    }

    /** As many of {@code count} integrations as can be stored before {@code deadline} (a System.nanoTime()). */
    Seeded integrations(
            CompanyId company,
            String namePrefix,
            int count,
            int eventsEach,
            Shape shape,
            boolean withListEntries,
            long deadline) {
        long begin = System.nanoTime();
        List<EventMessage<?>> events = new ArrayList<>(BATCH + eventsEach);
        List<Document> entries = new ArrayList<>(BATCH);
        List<Integration> integrations = new ArrayList<>(count);
        long stored = 0;
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
            if (withListEntries) {
                entries.add(listEntry(integration, history.size() - 1));
            }
            if (events.size() >= BATCH) {
                append(events);
                stored += events.size();
                events.clear();
            }
            if (entries.size() >= BATCH) {
                service.database().getCollection("integration_list").insertMany(entries);
                entries.clear();
            }
            if (events.isEmpty() && entries.isEmpty() && System.nanoTime() > deadline) {
                break;
            }
        }
        if (!events.isEmpty()) {
            append(events);
            stored += events.size();
        }
        if (!entries.isEmpty()) {
            service.database().getCollection("integration_list").insertMany(entries);
        }
        return new Seeded(
                integrations, stored, withListEntries ? integrations.size() : 0, (System.nanoTime() - begin) / 1e9);
    }

    /** Stores events with the timestamps they carry, as one insert. */
    void append(List<? extends EventMessage<?>> events) {
        documents.appendEvents(axonMongo.eventCollection(), events, eventSerializer);
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
