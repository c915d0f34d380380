package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
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

    Bench(Service service, Options options, double backendSeconds, Path jfrFolder) {
        this.service = service;
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
     * Waits until the audit trail (the slower projection) holds the newest event, so that work left by one
     * measurement does not run into the next.
     */
    void settle() {
        Document newest = collection("domainevents")
                .find()
                .sort(Sorts.descending("timestamp", "sequenceNumber"))
                .limit(1)
                .first();
        if (newest == null || newest.getString("timestamp").startsWith("2001")) {
            return;
        }
        String eventId = newest.getString("eventIdentifier");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (collection("audit_trail").find(Filters.eq("_id", eventId)).first() == null) {
            if (System.nanoTime() > deadline) {
                log("the audit trail did not catch up within 2 minutes; going on");
                return;
            }
            sleep(50);
        }
    }

    /**
     * Runs {@code setup} (seeding), then waits until each projection's processor works every segment and
     * has reached the head of the stream. The processors keep running: stopping and starting them again
     * could leave a segment that no worker of this instance claims again (seen on a fresh store), and the
     * seeded histories are dated before the live events, so processors already at the head skip them.
     */
    // The catching up is waited for even when seeding failed, and not catching up fails the bench run.
    @SuppressWarnings("Finally")
    <T> T seedThenCatchUp(Supplier<T> setup) {
        try {
            return setup.get();
        } finally {
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (!PROJECTIONS.stream().allMatch(this::atHead)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the event processors did not reach the head of the stream");
                }
                sleep(10);
            }
            sleep(200);
        }
    }

    TrackingEventProcessor processor(String name) {
        return service.bean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /** Whether the processor works every segment of its tokens, each at the head of the event stream. */
    boolean atHead(String name) {
        Map<Integer, EventTrackerStatus> segments = processor(name).processingStatus();
        return !segments.isEmpty()
                && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                && segments.size() >= service.bean(TokenStore.class).fetchSegments(name).length;
    }

    /** Records a flight recording of {@code run} when the figure misses its goal (or always, by option). */
    void profileIfMissed(Figure figure, Runnable run) {
        boolean wanted = switch (options.jfr()) {
            case "all" -> true;
            case "off" -> false;
            default -> Boolean.FALSE.equals(figure.met());
        };
        if (!wanted) {
            return;
        }
        log(figure.id + " " + (Boolean.FALSE.equals(figure.met()) ? "missed its goal" : "")
                + ": recording one more run with JFR");
        figure.profile = Profiler.record(jfrFolder, figure.id + "-" + target, service.commands(), run);
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
