package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** What every scenario of one backend shares: the running service, the options, the time it may take. */
final class Bench {

    /** Share of a backend's time that each figure's measured repetitions may take, in total. */
    private static final Map<String, Double> WEIGHTS =
            Map.of("B1", 0.055, "B2", 0.055, "B3", 0.05, "B4", 0.06, "B5", 0.05, "B6", 0.04, "B7", 0.06);

    static final List<String> PROJECTIONS = List.of("integration-list", "audit-trail");

    final Service service;
    final Options options;
    final Seeder seeder;
    final String target;
    final double backendSeconds;
    final Path jfrFolder;
    /** When this backend's share of the run's time ends, a System.nanoTime(). */
    final long endsAt;

    Bench(Service service, Options options, double backendSeconds, Path jfrFolder, long backendStarted) {
        this.service = service;
        this.endsAt = backendStarted + (long) (backendSeconds * 1e9);
        this.options = options;
        this.seeder = new Seeder(service);
        this.target = service.backend().name();
        this.backendSeconds = backendSeconds;
        this.jfrFolder = jfrFolder;
    }

    int reps() {
        return options.reps();
    }

    /** Seconds that one measured repetition of a figure may take. */
    double secondsPerRep(String figure) {
        return backendSeconds * WEIGHTS.get(figure) / reps();
    }

    double seconds(String figure) {
        return backendSeconds * WEIGHTS.get(figure);
    }

    /**
     * The size to measure at: the one fixed by the options, otherwise what {@code perSecond} allows in
     * {@code seconds}, at most the table's size and at least {@code min}.
     */
    long size(String figure, double perSecond, double seconds, long table, long min) {
        long fixed = options.fixedSize(figure);
        if (fixed > 0) {
            return fixed;
        }
        long fits = (long) (perSecond * seconds);
        return Math.max(min, table > 0 ? Math.min(table, fits) : fits);
    }

    MongoCollection<Document> collection(String name) {
        return service.database().getCollection(name);
    }

    long storedEvents() {
        return collection("domainevents").estimatedDocumentCount();
    }

    /**
     * Waits until both projections have handled the newest stored event, so that work left by one measurement
     * does not run into the next.
     */
    void settle() {
        if (!awaitProjections(Duration.ofMinutes(2))) {
            log("the projections did not catch up within 2 minutes; going on");
        }
    }

    /**
     * Runs {@code setup} (seeding), then waits until each projection's processor works every segment and has
     * handled every stored event: the processors read the store by position, so the seeded events are a backlog
     * they work through. The processors keep running: stopping and starting them again could leave a segment
     * that no worker of this instance claims again (seen on a fresh store).
     */
    // The catching up is waited for even when seeding failed, and not catching up fails the bench run.
    @SuppressWarnings("Finally")
    <T> T seedThenCatchUp(Supplier<T> setup) {
        try {
            return setup.get();
        } finally {
            if (!awaitProjections(Duration.ofMinutes(10))) {
                throw new IllegalStateException("the event processors did not reach the newest stored event");
            }
            sleep(200);
        }
    }

    /**
     * Runs {@code setup}, which stores events with the read models they lead to (see {@link Seeder}), while both
     * projections' processors are stopped; then moves every segment of theirs to the newest stored event, starts
     * them again, and waits until each works every segment there. The live projections would otherwise work
     * through the seeded events, one guarded write per integration each, and on the embedded server each such
     * write reads its whole collection (it has no index for a filter on more than the {@code _id}): seeding
     * thousands of integrations that way takes hours.
     */
    // The processors are started again even when seeding failed, and not starting them fails the bench run.
    @SuppressWarnings("Finally")
    <T> T seedWithReadModels(Supplier<T> setup) {
        settle();
        for (String name : PROJECTIONS) {
            processor(name).shutDown();
        }
        try {
            return setup.get();
        } finally {
            long newest = newestPosition();
            TokenStore tokens = service.bean(TokenStore.class);
            for (String name : PROJECTIONS) {
                for (int segment : tokens.fetchSegments(name)) {
                    tokens.storeToken(new GlobalSequenceTrackingToken(newest), name, segment);
                    tokens.releaseClaim(name, segment);
                }
                processor(name).start();
            }
            if (!awaitProjections(Duration.ofMinutes(2))) {
                throw new IllegalStateException("the event processors did not start again at the newest event");
            }
        }
    }

    /** Whether both projections reached the newest stored event within {@code timeout}. */
    boolean awaitProjections(Duration timeout) {
        long newest = newestPosition();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!PROJECTIONS.stream().allMatch(name -> reached(name, newest))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(10);
        }
        return true;
    }

    /** The position of the newest stored event (0: none); see {@link #newestEvent}. */
    long newestPosition() {
        Document newest = newestEvent(service.database());
        return newest == null ? 0 : ((Number) newest.get("position")).longValue();
    }

    /**
     * The newest stored event (null: none): the one at the last position taken from the store's counter, or
     * below it when the positions at the top hold voids (positions of appends that stored nothing) or are not
     * filled yet. Read by key and by the unique position only, never by scanning the events.
     */
    static Document newestEvent(MongoDatabase database) {
        Document counter = database.getCollection(Seeder.POSITIONS)
                .find(Filters.eq("_id", Seeder.POSITIONS_ID))
                .first();
        long upTo = counter == null ? 0 : ((Number) counter.get("last")).longValue();
        while (upTo > 0) {
            List<Long> probed = new ArrayList<>();
            for (long position = upTo; position > Math.max(0, upTo - 16); position--) {
                probed.add(position);
            }
            Document newest = null;
            for (Document event : database.getCollection("domainevents").find(Filters.in("position", probed))) {
                if (!(event.get("_id") instanceof Number)
                        && (newest == null
                                || ((Number) event.get("position")).longValue()
                                        > ((Number) newest.get("position")).longValue())) {
                    newest = event;
                }
            }
            if (newest != null) {
                return newest;
            }
            upTo -= 16;
        }
        return null;
    }

    TrackingEventProcessor processor(String name) {
        return service.bean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /** Whether the processor works every segment of its tokens, each at {@code position} or beyond. */
    boolean reached(String name, long position) {
        Map<Integer, EventTrackerStatus> segments = processor(name).processingStatus();
        return !segments.isEmpty()
                && segments.size() >= service.bean(TokenStore.class).fetchSegments(name).length
                && segments.values().stream()
                        .allMatch(status -> status.getCurrentPosition().orElse(0) >= position);
    }

    /** Records a flight recording of {@code run} when the figure misses its goal (or always, by option). */
    void profileIfMissed(Figure figure, Runnable run) {
        if (!recordingWanted(Boolean.FALSE.equals(figure.met()))) {
            return;
        }
        log(figure.id + " " + (Boolean.FALSE.equals(figure.met()) ? "missed its goal" : "")
                + ": recording one more run with JFR");
        figure.profile = Profiler.record(jfrFolder, figure.id + "-" + target, service.commands(), run);
    }

    /** Whether {@code bench.jfr} asks for a recording of a figure that did ({@code missed}) or did not miss. */
    boolean recordingWanted(boolean missed) {
        return switch (options.jfr()) {
            case "all" -> true;
            case "off" -> false;
            default -> missed;
        };
    }

    void log(String message) {
        System.out.println(String.format(
                Locale.ROOT,
                "[bench %s %s] %s",
                target,
                LocalTime.now(ZoneId.systemDefault()).withNano(0),
                message));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
