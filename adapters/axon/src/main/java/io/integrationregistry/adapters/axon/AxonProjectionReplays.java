package io.integrationregistry.adapters.axon;

import com.mongodb.client.model.Filters;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.integrationregistry.application.projections.port.out.RebuildUnderWay;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The tracking processors of the projections, as Axon runs them. A replay never stops nor resets a served
 * model's processor: it rebuilds the model beside the served one (see {@link ForRebuildingAReadModel}) through
 * a processor of its own ({@link RebuildFeeds}), registered at start-up but started only while a rebuild is
 * under way. Where the rebuild stands is in the store, and every instance follows it now and then: it starts
 * the rebuild processor while the rebuild replays, stops it otherwise, sets a requested rebuild up once no
 * instance holds a segment of the rebuild processor (its tokens deleted, so that it starts from the first
 * event), tells the model which of its segments have passed the newest event stored at that moment, and the
 * model swaps the rebuilt one in once all have.
 */
final class AxonProjectionReplays implements ForReplayingProjections, SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AxonProjectionReplays.class);
    static final Duration REPLAYING_CHECK = Duration.ofMillis(50);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final MongoTemplate axonMongo;
    private final Duration claimTimeout;
    private final Map<String, ForRebuildingAReadModel> models;
    private Duration every;
    private volatile boolean following;
    /** Whether this instance ran a rebuild processor at its last look. */
    private volatile boolean replayingHere;

    private final ScheduledExecutorService rebuilds = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "projection-rebuilds");
        thread.setDaemon(true);
        return thread;
    });

    /** @param claimTimeout after how long a claim on a segment that was not extended is no longer held */
    AxonProjectionReplays(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            MongoTemplate axonMongo,
            Duration claimTimeout,
            Map<String, ForRebuildingAReadModel> models) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.axonMongo = axonMongo;
        this.claimTimeout = claimTimeout;
        this.models = new LinkedHashMap<>(models);
    }

    /**
     * Follows the rebuilds every {@code every} once started, until closed; every {@link #REPLAYING_CHECK} at
     * most while this instance replays one, so that a rebuild whose replay caught up is served without waiting
     * for the next look. The first look comes once the application has started, not while its parts are still
     * being made.
     */
    AxonProjectionReplays followingRebuildsEvery(Duration every) {
        this.every = every;
        return this;
    }

    @Override
    public synchronized void start() {
        if (!following && every != null) {
            following = true;
            followAgainIn(every);
        }
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return following && !rebuilds.isShutdown();
    }

    // The task schedules its next run until close() shuts the executor down, and followRebuilds catches its own
    // failures, so the future holds nothing to wait for or check.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void followAgainIn(Duration delay) {
        try {
            rebuilds.schedule(
                    () -> {
                        try {
                            followRebuilds();
                        } finally {
                            followAgainIn(replayingHere ? min(REPLAYING_CHECK, every) : every);
                        }
                    },
                    delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: no further look
        }
    }

    private static Duration min(Duration one, Duration other) {
        return one.compareTo(other) <= 0 ? one : other;
    }

    @Override
    public void close() {
        rebuilds.shutdownNow();
    }

    @Override
    public List<ProjectionStatus> status() {
        try {
            Long head = position(eventStore.createHeadToken());
            return models.keySet().stream()
                    .map(name -> processor(name)
                            .map(processor -> status(
                                    name, processor, head, models.get(name).rebuilding()))
                            .orElseGet(() -> new ProjectionStatus(name, false, false, null, null, "not configured")))
                    .toList();
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
    }

    @Override
    public void replay(String name) {
        ForRebuildingAReadModel model = models.get(name);
        if (model == null) {
            throw new IllegalArgumentException("no projection named " + name);
        }
        boolean requested;
        try {
            requested = model.requestRebuild();
        } catch (RuntimeException failure) {
            throw StorageOutages.translated(failure);
        }
        if (!requested) {
            throw new RebuildUnderWay(name);
        }
        rebuilds.execute(this::followRebuilds);
    }

    /** One look at every rebuild, as each instance takes now and then. */
    void followRebuilds() {
        boolean replaying = false;
        for (Map.Entry<String, ForRebuildingAReadModel> rebuild : models.entrySet()) {
            try {
                replaying |= follow(rebuild.getKey(), rebuild.getValue());
            } catch (RuntimeException failed) {
                // The next look tries again; a rebuild left unfinished meanwhile only keeps the served model serving.
                log.warn("Could not follow the rebuild of projection {}: {}", rebuild.getKey(), failed.toString());
            }
        }
        replayingHere = replaying;
    }

    /** One look at one rebuild; answers whether this instance runs its rebuild processor after it. */
    private boolean follow(String name, ForRebuildingAReadModel model) {
        String feed = name + RebuildFeeds.SUFFIX;
        TrackingEventProcessor processor = processor(feed).orElseThrow();
        Optional<StoredPosition> upTo = model.replayingUpTo().map(StoredPosition::decode);
        if (upTo.isPresent()) {
            if (!processor.isRunning()) {
                processor.start();
            }
            reportCaughtUpSegments(name, model, feed, processor, upTo.get());
            return processor.isRunning();
        }
        if (processor.isRunning()) {
            processor.shutDown();
        }
        if (segmentsHeld(feed)) {
            return false;
        }
        // No instance runs the rebuild processor: its tokens go, so that it next starts from the first event.
        axonMongo.trackingTokensCollection().deleteMany(Filters.eq("processorName", feed));
        if (model.preparing()) {
            model.replayStarted(StoredPosition.newest(eventStore));
            log.info("Projection {} being rebuilt beside the served one", name);
            if (model.replayingUpTo().isPresent()) {
                // Set up: the replay starts now rather than at the next look.
                processor.start();
                return true;
            }
        }
        return false;
    }

    /**
     * Tells the model which of this instance's segments of the rebuild processor have handled every event stored
     * before the rebuild began. Segments that do not exist yet (the first instance to start the processor
     * creates them) are not counted as caught up.
     */
    // The processor's workers stop on their own; nothing waits for them here.
    @SuppressWarnings("FutureReturnValueIgnored")
    private void reportCaughtUpSegments(
            String name,
            ForRebuildingAReadModel model,
            String feed,
            TrackingEventProcessor processor,
            StoredPosition upTo) {
        long segments = axonMongo.trackingTokensCollection().countDocuments(Filters.eq("processorName", feed));
        if (segments == 0) {
            return;
        }
        for (EventTrackerStatus segment : processor.processingStatus().values()) {
            if (!segment.isErrorState()
                    && upTo.reachedBy(segment.getTrackingToken())
                    && model.caughtUp(segment.getSegment().getSegmentId(), (int) segments)) {
                // Without waiting for its workers to stop (one may wait a second for events): the other
                // projections' rebuilds are followed meanwhile.
                processor.shutdownAsync();
                log.info("Projection {} rebuilt and served", name);
                return;
            }
        }
    }

    /** Whether an instance holds a segment of {@code processor}: claimed, and extended within the claim timeout. */
    private boolean segmentsHeld(String processor) {
        long expired = System.currentTimeMillis() - claimTimeout.toMillis();
        for (Document token : axonMongo
                .trackingTokensCollection()
                .find(Filters.and(Filters.eq("processorName", processor), Filters.ne("owner", null)))) {
            Object stamp = token.get("timestamp");
            long claimedAt = stamp instanceof Number number
                    ? number.longValue()
                    : stamp instanceof java.util.Date date ? date.getTime() : Long.MAX_VALUE;
            if (claimedAt > expired) {
                return true;
            }
        }
        return false;
    }

    private Optional<TrackingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class);
    }

    private static ProjectionStatus status(
            String name, TrackingEventProcessor processor, Long head, boolean rebuilding) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        // Replaying while the rebuild is under way, beside this processor, which goes on serving.
        boolean replaying = rebuilding;
        Long position = segments.stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .min(Long::compare)
                .orElse(null);
        String error = segments.stream()
                .filter(EventTrackerStatus::isErrorState)
                .map(segment -> String.valueOf(segment.getError()))
                .findFirst()
                .orElse(null);
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
