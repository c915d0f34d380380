package io.integrationregistry.adapters.axon;

import com.mongodb.MongoException;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands the events of a processor to its read model, each integration's in sequence. A model applies an event
 * on top of the integration's previous one (the audit trail compares the two): an event whose sequence number
 * is more than one past the model's version would be applied on the wrong predecessor. The missing events are
 * then read from the event store and applied first.
 * <p>
 * An event the model still cannot apply is recorded in {@link PoisonedEvents} and skipped: retrying it can only
 * fail again, and would stop every other integration of the segment. A storage failure is not such an event: it
 * goes back to the processor, which retries the batch until the database answers.
 */
final class ProjectionFeed {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFeed.class);

    private final String projection;
    private final Consumer<RecordedEvent> model;
    private final Function<IntegrationId, OptionalLong> appliedVersion;
    private final EventStore events;
    private final PoisonedEvents poisoned;

    ProjectionFeed(
            String projection,
            Consumer<RecordedEvent> model,
            Function<IntegrationId, OptionalLong> appliedVersion,
            EventStore events,
            PoisonedEvents poisoned) {
        this.projection = projection;
        this.model = model;
        this.appliedVersion = appliedVersion;
        this.events = events;
        this.poisoned = poisoned;
    }

    void handle(RecordedEvent recorded) {
        if (recorded.sequence() > 0) {
            repairGapBefore(recorded);
        }
        applyOrSkip(recorded);
    }

    private void repairGapBefore(RecordedEvent recorded) {
        IntegrationId id = recorded.event().integrationId();
        long applied = appliedVersion.apply(id).orElse(-1);
        if (applied + 1 >= recorded.sequence()) {
            return;
        }
        log.warn(
                "Projection {} is at version {} of integration {} and received version {}: applying the events"
                        + " in between from the event store first",
                projection,
                applied,
                id.value(),
                recorded.sequence());
        events.readEvents(id.value(), applied + 1)
                .asStream()
                .filter(message -> message.getSequenceNumber() < recorded.sequence())
                .filter(message -> message.getPayload() instanceof IntegrationEvent)
                .forEach(message -> applyOrSkip(RecordedEvents.of(asIntegrationEvent(message))));
    }

    private void applyOrSkip(RecordedEvent recorded) {
        try {
            model.accept(recorded);
        } catch (RuntimeException failure) {
            if (storageFailure(failure)) {
                throw failure;
            }
            log.error(
                    "Projection {} cannot apply event {} (version {} of integration {}) and skips it: {}",
                    projection,
                    recorded.eventId(),
                    recorded.sequence(),
                    recorded.event().integrationId().value(),
                    failure.getClass().getName());
            poisoned.record(projection, recorded, failure);
        }
    }

    @SuppressWarnings("unchecked")
    private static DomainEventMessage<IntegrationEvent> asIntegrationEvent(DomainEventMessage<?> message) {
        return (DomainEventMessage<IntegrationEvent>) message;
    }

    /** Whether the failure is the database's: it says nothing of the event, and a retry may succeed. */
    static boolean storageFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof MongoException || cause instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
