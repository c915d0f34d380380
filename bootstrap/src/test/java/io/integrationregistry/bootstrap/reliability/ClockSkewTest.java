package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import fixtures.keys.TestKeys;
import fixtures.mongo.EmbeddedMongo;
import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.integrationregistry.bootstrap.RegistryProcess;
import io.integrationregistry.bootstrap.RunningRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances write concurrently to one MongoDB, through their REST APIs, on the same integrations; one
 * instance's clock is off by 2 s, ahead in one run and behind in the next (a JVM of its own: Axon's event clock
 * is static). Both projections still equal a fold of the stored event stream: every list entry is the fold of its
 * integration's events, the audit trail has exactly one entry per event, and no event is skipped; so do both
 * projections rebuilt from the first event afterwards. Each instance processes one of the two segments of each
 * projection. {@code -Dreliability.soak=true} sends fifteen times the load; {@code -Dreliability.skew-millis} and
 * {@code -Dreliability.gap-wait} change the skew and the instances' {@code registry.axon.gap-wait} (unset: the
 * service's default). The processors read the store by position, so no skew should matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClockSkewTest {

    private static final boolean SOAK = Boolean.getBoolean("reliability.soak");
    private static final long SKEW_MILLIS = Long.getLong("reliability.skew-millis", 2_000);
    private static final String GAP_WAIT = System.getProperty("reliability.gap-wait");
    private static final int INTEGRATIONS = SOAK ? 40 : 8;
    private static final int THREADS = SOAK ? 8 : 6;
    private static final int CHANGES = SOAK ? 1_500 : 40;
    private static final List<String> PROCESSORS = List.of("integration-list", "audit-trail");
    private static final String EXACT = "exact-clock";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** Long enough for both processors to pass every event after the load, even on a loaded machine. */
    private static final Duration CATCH_UP = Duration.ofSeconds(SOAK ? 300 : 60);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path folder;

    private EmbeddedMongo mongo;
    private String uri;
    private String keyset;
    private MongoDatabase database;
    private RunningRegistry exact;
    private int acknowledgedSoFar;

    @BeforeAll
    void startMongoAndTheInstanceWithTheExactClock() {
        mongo = new EmbeddedMongo(folder, "registry");
        uri = mongo.uri();
        database = mongo.database();
        keyset = "registry.secrets.keyset=" + TestKeys.keysetJson();
        exact = RunningRegistry.start(properties(EXACT).toArray(String[]::new));
        await("the first instance claims every segment")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> owners().values().stream().filter(EXACT::equals).count() == 2L * PROCESSORS.size());
        // Segment 1 of each projection goes to the skewed instance (and stays with it: no rebalancing here).
        for (String processor : PROCESSORS) {
            processor(processor).releaseSegment(1, 30, TimeUnit.MINUTES);
        }
    }

    @AfterAll
    void stopEverything() {
        try {
            if (exact != null) {
                exact.close();
            }
        } finally {
            if (mongo != null) {
                mongo.close();
            }
        }
    }

    @Test
    @Order(1)
    void with_one_clock_ahead_both_projections_equal_the_fold_of_the_event_stream() throws Exception {
        writeConcurrentlyAndCompare(SKEW_MILLIS, "ahead");
    }

    @Test
    @Order(2)
    void with_one_clock_behind_both_projections_equal_the_fold_of_the_event_stream() throws Exception {
        writeConcurrentlyAndCompare(-SKEW_MILLIS, "behind");
    }

    @Test
    @Order(3)
    void a_replay_of_both_projections_equals_the_fold_of_the_event_stream_too() throws Exception {
        SkewFold fold = SkewFold.of(database);
        assertThat(fold.events).as("events of both runs").isEqualTo(acknowledgedSoFar);
        // The skewed instances are gone: the one left takes every segment back and rebuilds from the first event.
        for (String processor : PROCESSORS) {
            processor(processor).releaseSegment(1, 0, TimeUnit.MILLISECONDS);
        }
        await("the instance left claims every segment")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(owners().values())
                        .hasSize(2 * PROCESSORS.size())
                        .allMatch(EXACT::equals));
        long started = System.nanoTime();
        ForAdministeringProjections projections = exact.bean(ForAdministeringProjections.class);
        for (String processor : PROCESSORS) {
            projections.rebuild(processor);
        }
        // The served models keep answering while the rebuilt ones fill: compare once these have replaced them.
        await("both rebuilds finished")
                .atMost(CATCH_UP)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> projections.projections().stream().noneMatch(ProjectionStatus::replaying));
        SkewFold.Comparison comparison = awaitProjections(fold, started);
        long caughtUp = System.nanoTime();
        System.out.printf(
                "RELIABILITY skew: replay of both projections, gap wait %s: stream %d events of %d "
                        + "integrations (%d consecutive pairs of one integration in reversed store order); "
                        + "integration_list reflects %d of %d events, audit_trail holds %d of %d; mismatches %d; "
                        + "%s %d ms after the replay began%n",
                gapWait(),
                fold.events,
                fold.integrations(),
                fold.reversedPairs,
                comparison.eventsInList(),
                fold.events,
                comparison.auditEntries(),
                fold.events,
                comparison.mismatches().size(),
                comparison.mismatches().isEmpty() ? "complete" : "still incomplete",
                millis(caughtUp - started));
        comparison.mismatches().stream().limit(20).forEach(mismatch -> System.out.println("  " + mismatch));

        assertThat(fold.reversedPairs)
                .as("events stored before their integration's previous event")
                .isZero();
        assertThat(comparison.mismatches())
                .as("differences between the replayed projections and the fold")
                .isEmpty();
        assertThat(comparison.eventsInList()).as("events the list reflects").isEqualTo(fold.events);
        assertThat(comparison.auditEntries()).as("audit entries").isEqualTo(fold.events);
    }

    /** Compares the projections with the fold until they match it, at most {@link #CATCH_UP} after {@code from}. */
    private SkewFold.Comparison awaitProjections(SkewFold fold, long from) throws InterruptedException {
        SkewFold.Comparison comparison = fold.compare(database);
        long deadline = from + CATCH_UP.toNanos();
        while (!comparison.mismatches().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            comparison = fold.compare(database);
        }
        return comparison;
    }

    /** The skewed instance's output, kept with the other scenarios' processes' output. */
    private static Path skewedLog(String nodeId) throws IOException {
        Files.createDirectories(RegistryProcess.OUTPUT_FOLDER);
        return RegistryProcess.OUTPUT_FOLDER.resolve("clock-skew-" + nodeId + ".log");
    }

    // SkewedInstance.close() may be interrupted while it waits for its JVM to exit; that ends this test.
    @SuppressWarnings("try")
    private void writeConcurrentlyAndCompare(long skewMillis, String run) throws Exception {
        String nodeId = "skewed-" + run;
        try (RegistryProcess skewed = RegistryProcess.startReady(
                SkewedRegistryMain.class,
                List.of(Long.toString(skewMillis)),
                skewedLog(nodeId),
                START_TIMEOUT,
                properties(nodeId))) {
            await("segment 1 of each projection on the skewed instance")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .untilAsserted(() -> assertThat(owners()).isEqualTo(split(nodeId)));

            SkewLoad load = new SkewLoad(List.of("http://localhost:" + exact.port(), skewed.baseUri()));
            long started = System.nanoTime();
            load.create(INTEGRATIONS, "Skew " + run);
            load.change(CHANGES, THREADS, skewMillis);
            long loaded = System.nanoTime();
            acknowledgedSoFar += load.acknowledged.get();

            SkewFold fold = SkewFold.of(database);
            SkewFold.Comparison comparison = awaitProjections(fold, loaded);
            long caughtUp = System.nanoTime();
            TokenSizes tokens = tokenSizes();
            System.out.printf(
                    "RELIABILITY skew: clock %s by %d ms, gap wait %s: %d commands sent, %d acknowledged "
                            + "(%d x 409, %d x 412, %d other) in %d ms; stream %d events of %d integrations "
                            + "(%d consecutive pairs of one integration in reversed store order); integration_list "
                            + "reflects %d of %d events, audit_trail holds %d of %d; mismatches %d; %s %d ms after "
                            + "the load; tokens hold up to %d event ids, %d bytes%n",
                    run,
                    Math.abs(skewMillis),
                    gapWait(),
                    load.sent.get(),
                    load.acknowledged.get(),
                    load.conflicts.get(),
                    load.stale.get(),
                    load.unexpected.size(),
                    millis(loaded - started),
                    fold.events,
                    fold.integrations(),
                    fold.reversedPairs,
                    comparison.eventsInList(),
                    fold.events,
                    comparison.auditEntries(),
                    fold.events,
                    comparison.mismatches().size(),
                    comparison.mismatches().isEmpty() ? "caught up" : "still not caught up",
                    millis(caughtUp - loaded),
                    tokens.mostEventIds(),
                    tokens.mostBytes());
            comparison.mismatches().stream().limit(20).forEach(mismatch -> System.out.println("  " + mismatch));

            assertThat(load.unexpected)
                    .as("answers other than 2xx, 409 and 412")
                    .isEmpty();
            assertThat(load.acknowledged.get()).isEqualTo(INTEGRATIONS + CHANGES);
            assertThat(load.conflicts.get() + load.stale.get())
                    .as("commands that met on one integration")
                    .isPositive();
            assertThat(fold.events)
                    .as("events stored: one per acknowledged command")
                    .isEqualTo(acknowledgedSoFar);
            assertThat(comparison.mismatches())
                    .as("differences between the projections and the fold")
                    .isEmpty();
            assertThat(comparison.eventsInList()).as("events the list reflects").isEqualTo(fold.events);
            assertThat(comparison.auditEntries()).as("audit entries").isEqualTo(fold.events);
            for (String processor : PROCESSORS) {
                assertThat(processor(processor).processingStatus().values())
                        .as("segments of %s in error", processor)
                        .noneMatch(EventTrackerStatus::isErrorState);
            }
        }
    }

    private List<String> properties(String nodeId) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.data.mongodb.uri=" + uri,
                keyset,
                "registry.security.users.alice.password={noop}alice-pw",
                "registry.security.users.alice.company=acme",
                "registry.security.users.alice.roles=INTEGRATION_ADMIN",
                "registry.axon.node-id=" + nodeId));
        if (GAP_WAIT != null) {
            properties.add("registry.axon.gap-wait=" + GAP_WAIT);
        }
        for (String processor : PROCESSORS) {
            // How often an instance looks for unclaimed segments (Axon's default: every 5 s).
            properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval=500");
        }
        return properties;
    }

    private String gapWait() {
        return exact.bean(Environment.class).getProperty("registry.axon.gap-wait");
    }

    private TrackingEventProcessor processor(String name) {
        return exact.bean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow();
    }

    /** Who owns each (processor, segment), as the token store says. */
    private Map<String, String> owners() {
        Map<String, String> owners = new TreeMap<>();
        for (Document token : database.getCollection("trackingtokens").find()) {
            owners.put(token.getString("processorName") + "/" + token.getInteger("segment"), token.getString("owner"));
        }
        return owners;
    }

    private static Map<String, String> split(String skewed) {
        Map<String, String> split = new TreeMap<>();
        for (String processor : PROCESSORS) {
            split.put(processor + "/0", EXACT);
            split.put(processor + "/1", skewed);
        }
        return split;
    }

    /** The largest stored token: how many event ids it keeps (none: a position) and its size. */
    private TokenSizes tokenSizes() throws Exception {
        int mostEventIds = 0;
        int mostBytes = 0;
        for (Document stored : database.getCollection("trackingtokens").find()) {
            Object token = stored.get("token");
            byte[] bytes = token instanceof Binary binary
                    ? binary.getData()
                    : token == null ? new byte[0] : token.toString().getBytes(StandardCharsets.UTF_8);
            mostBytes = Math.max(mostBytes, bytes.length);
            if (bytes.length > 0) {
                JsonNode tracked = JSON.readTree(bytes).path("trackedEvents");
                mostEventIds = Math.max(mostEventIds, tracked.size());
            }
        }
        return new TokenSizes(mostEventIds, mostBytes);
    }

    private record TokenSizes(int mostEventIds, int mostBytes) {}

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
