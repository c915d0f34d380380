package io.integrationregistry.adapters.axon;

import com.mongodb.MongoException;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Hands the events of a processor to its read model, each integration's in sequence, a processor batch at a
 * time: the events a batch delivers are collected and written together when the batch's last one arrives,
 * before the processor stores its token. A model applies an event on top of the integration's previous one (the
 * audit trail compares the two): an event whose sequence number is more than one past the model's version
 * would be applied on the wrong predecessor. The missing events are then read from the event store and applied
 * first, in the same write.
 * <p>
 * A batch the model cannot apply is applied again one event at a time, so that one event the model cannot apply
 * holds back no other: that event is recorded in {@link PoisonedEvents} and skipped (retrying it can only fail
 * again, and would stop every other integration of the segment). A storage failure is not such an event: it
 * goes back to the processor, which retries the batch until the database answers; every write being
 * idempotent, a batch half written then delivered again leaves the model the whole batch leaves.
 */
final class ProjectionFeed {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFeed.class);

    private final String projection;
    private final String batchResource;
    private final Consumer<RecordedEvent> model;
    private final Consumer<List<RecordedEvent>> bulk;
    private final Function<Collection<IntegrationId>, Map<IntegrationId, Long>> appliedVersions;
    private final EventStore events;
    private final PoisonedEvents poisoned;

    /** A feed that writes one event at a time. */
    ProjectionFeed(
            String projection,
            Consumer<RecordedEvent> model,
            Function<IntegrationId, OptionalLong> appliedVersion,
            EventStore events,
            PoisonedEvents poisoned) {
        this(
                projection,
                projection,
                model,
                null,
                ids -> {
                    Map<IntegrationId, Long> versions = new HashMap<>();
                    ids.forEach(id -> appliedVersion.apply(id).ifPresent(version -> versions.put(id, version)));
                    return versions;
                },
                events,
                poisoned);
    }

    /**
     * @param feed names the feed's batch within a unit of work
     * @param bulk writes several events together; null where the model takes one event at a time
     * @param appliedVersions the model's version of each integration; null where the feed repairs no gap
     */
    ProjectionFeed(
            String projection,
            String feed,
            Consumer<RecordedEvent> model,
            Consumer<List<RecordedEvent>> bulk,
            Function<Collection<IntegrationId>, Map<IntegrationId, Long>> appliedVersions,
            EventStore events,
            PoisonedEvents poisoned) {
        this.projection = projection;
        this.batchResource = ProjectionFeed.class.getName() + "/" + feed;
        this.model = model;
        this.bulk = bulk;
        this.appliedVersions = appliedVersions;
        this.events = events;
        this.poisoned = poisoned;
    }

    /**
     * An event as the processor delivers it: kept until the last one of its batch, then written with the rest.
     * Outside a processor's batch it is written at once.
     */
    void handle(RecordedEvent recorded) {
        if (!CurrentUnitOfWork.isStarted()) {
            handleAll(List.of(recorded));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<RecordedEvent> pending = unitOfWork.getOrComputeResource(batchResource, key -> {
            List<RecordedEvent> batch = new ArrayList<>();
            // Only if the batch's last event did not reach this feed: written before the unit of work commits.
            unitOfWork.onPrepareCommit(done -> flush(batch));
            return batch;
        });
        pending.add(recorded);
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            flush(pending);
        }
    }

    private void flush(List<RecordedEvent> pending) {
        if (pending.isEmpty()) {
            return;
        }
        List<RecordedEvent> batch = List.copyOf(pending);
        pending.clear();
        handleAll(batch);
    }

    /** Several events in delivery order, written together; one by one if the model cannot apply them together. */
    void handleAll(List<RecordedEvent> batch) {
        List<RecordedEvent> complete = appliedVersions == null ? batch : withGapsFilled(batch);
        if (bulk == null) {
            complete.forEach(this::applyOrSkip);
            return;
        }
        try {
            bulk.accept(complete);
        } catch (RuntimeException failure) {
            if (storageFailure(failure)) {
                throw failure;
            }
            log.warn(
                    "Projection {} cannot apply a batch of {} events together ({}): applying them one by one",
                    projection,
                    complete.size(),
                    failure.getClass().getName());
            complete.forEach(this::applyOrSkip);
        }
    }

    /**
     * The batch with, before each integration's first event, the events the model misses between its version
     * and that event, read from the event store.
     */
    private List<RecordedEvent> withGapsFilled(List<RecordedEvent> batch) {
        Set<IntegrationId> continued = new LinkedHashSet<>();
        Set<IntegrationId> seen = new LinkedHashSet<>();
        for (RecordedEvent recorded : batch) {
            IntegrationId id = recorded.event().integrationId();
            if (seen.add(id) && recorded.sequence() > 0) {
                continued.add(id);
            }
        }
        if (continued.isEmpty()) {
            return batch;
        }
        Map<IntegrationId, Long> applied = appliedVersions.apply(continued);
        Map<IntegrationId, Long> reached = new HashMap<>();
        List<RecordedEvent> complete = new ArrayList<>(batch.size());
        for (RecordedEvent recorded : batch) {
            IntegrationId id = recorded.event().integrationId();
            long before = reached.containsKey(id) ? reached.get(id) : applied.getOrDefault(id, -1L);
            if (before + 1 < recorded.sequence()) {
                complete.addAll(missing(id, before, recorded.sequence()));
            }
            complete.add(recorded);
            reached.put(id, Math.max(before, recorded.sequence()));
        }
        return complete;
    }

    private List<RecordedEvent> missing(IntegrationId id, long applied, long next) {
        log.warn(
                "Projection {} is at version {} of integration {} and received version {}: applying the events"
                        + " in between from the event store first",
                projection,
                applied,
                id.value(),
                next);
        return events.readEvents(id.value(), applied + 1)
                .asStream()
                .filter(message -> message.getSequenceNumber() < next)
                .filter(message -> message.getPayload() instanceof IntegrationEvent)
                .map(message -> RecordedEvents.of(asIntegrationEvent(message)))
                .toList();
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
