package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.port.out.ForRebuildingAReadModel;
import io.integrationregistry.application.port.out.ForReplayingProjections;
import io.integrationregistry.application.port.out.ProjectionStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The tracking processors of the projections, as Axon runs them. A replay rebuilds its read model beside
 * the served one (see {@link ForRebuildingAReadModel}); every instance looks at its own segments now and then,
 * tells the model which of them have passed the replay's end, and the model finishes the rebuild once all have.
 */
final class AxonProjectionReplays implements ForReplayingProjections, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AxonProjectionReplays.class);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final TokenStore tokens;
    private final Supplier<String> newestStored;
    private final Map<String, ForRebuildingAReadModel> models;
    private final ScheduledExecutorService rebuilds = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "projection-rebuilds");
        thread.setDaemon(true);
        return thread;
    });

    /** @param newestStored the {@link StoredPosition} of the newest event stored, encoded; empty when none is */
    AxonProjectionReplays(EventProcessingConfiguration processing, EventStore eventStore, TokenStore tokens,
                          Supplier<String> newestStored, Map<String, ForRebuildingAReadModel> models) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.tokens = tokens;
        this.newestStored = newestStored;
        this.models = new LinkedHashMap<>(models);
    }

    /** Looks for rebuilds to finish every {@code every}, until closed. */
    AxonProjectionReplays finishingRebuildsEvery(Duration every) {
        rebuilds.scheduleWithFixedDelay(this::finishCaughtUpRebuilds, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        rebuilds.shutdownNow();
    }

    @Override
    public List<ProjectionStatus> status() {
        Long head = position(eventStore.createHeadToken());
        return models.keySet().stream().map(name -> processor(name)
                .map(processor -> status(name, processor, head, models.get(name).rebuilding()))
                .orElseGet(() -> new ProjectionStatus(name, false, false, null, null, "not configured")))
                .toList();
    }

    @Override
    public void replay(String name) {
        TrackingEventProcessor processor = processor(name)
                .orElseThrow(() -> new IllegalArgumentException("no projection named " + name));
        processor.shutDown();
        processor.resetTokens();
        models.get(name).replayStarted(newestStored.get());
        processor.start();
    }

    /**
     * Tells each model being rebuilt which of this instance's segments have handled every event stored before
     * the replay began. Axon's own replay flags are not used for this: with the Mongo event store, a reset
     * marks the replay as over at once (its head token is "now", which no event's position covers), while the
     * segments go on delivering the old events. A segment's own position says how far it really got.
     */
    void finishCaughtUpRebuilds() {
        models.forEach((name, model) -> {
            try {
                TrackingEventProcessor processor = processor(name).orElse(null);
                if (processor == null || !processor.isRunning()) {
                    return;
                }
                Optional<StoredPosition> upTo = model.replayingUpTo().map(StoredPosition::decode);
                if (upTo.isEmpty()) {
                    return;
                }
                int segments = tokens.fetchSegments(name).length;
                for (EventTrackerStatus segment : processor.processingStatus().values()) {
                    if (!segment.isErrorState() && upTo.get().reachedBy(segment.getTrackingToken())
                            && model.caughtUp(segment.getSegment().getSegmentId(), segments)) {
                        log.info("Projection {} rebuilt and served", name);
                    }
                }
            } catch (RuntimeException failed) {
                // The next look tries again; a rebuild left unfinished meanwhile only keeps the served model serving.
                log.warn("Could not look at the rebuild of projection {}: {}", name, failed.toString());
            }
        });
    }

    private java.util.Optional<TrackingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class);
    }

    private static ProjectionStatus status(String name, TrackingEventProcessor processor, Long head,
                                           boolean rebuilding) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // Replaying while the rebuild is under way: Axon's own flag stays up until an event newer than the
        // reset arrives, however long after the replay's end that is (see finishCaughtUpRebuilds).
        boolean replaying = rebuilding;
        Long position = segments.stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
        String error = segments.stream().filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError())).findFirst().orElse(null);
        Long lag = head == null || position == null ? null : Math.max(0, head - position);
        return new ProjectionStatus(name, processor.isRunning(), replaying, position, lag, error);
    }

    private static Long position(TrackingToken token) {
        if (token == null) {
            return null;
        }
        OptionalLong position = token.position();
        return position.isPresent() ? position.getAsLong() : null;
    }
}
