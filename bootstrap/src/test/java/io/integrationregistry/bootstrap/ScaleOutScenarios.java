package io.integrationregistry.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import fixtures.keys.TestKeys;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service instances on one MongoDB, driven over real HTTP: no command's event is lost or stored
 * twice, every processor segment has one owner at a time, each event lands once in each projection,
 * and the segments of a stopped instance are taken over by the other without skipping an event, at
 * once when it stops cleanly and after the claim timeout when it dies holding its claims (a third
 * instance takes over from the second). Subclasses say which MongoDB. {@code -Dreliability.soak=true} sends
 * more than ten times the changes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ScaleOutScenarios {

    /** The event store's documents that hold an event (a position left void holds none). */
    private static final Document STORED_EVENTS = new Document("aggregateIdentifier", new Document("$exists", true));

    static final List<String> PROCESSORS = List.of("integration-list", "audit-trail");
    static final int SEGMENTS = 2;
    static final String ONE = "instance-one";
    static final String TWO = "instance-two";
    static final String THREE = "instance-three";
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    static final Duration MARGIN = Duration.ofSeconds(10);
    static final int INTEGRATIONS = 8;
    static final int THREADS = 6;
    static final int CHANGES = Boolean.getBoolean("reliability.soak") ? 1_000 : 40;
    private static final int MAX_ATTEMPTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private String uri;
    private String keyset;
    private RunningRegistry one;
    private RunningRegistry two;
    private RunningRegistry three;
    private MongoClient client;
    private MongoDatabase database;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Ledger ledger = new Ledger();
    private final List<String> integrationIds = Collections.synchronizedList(new ArrayList<>());
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private boolean loaded;

    /** Starts (or finds) the MongoDB both instances share; answers its URI, database included. */
    abstract String startMongo() throws Exception;

    abstract void stopMongo();

    @BeforeAll
    void startTwoInstances() throws Exception {
        uri = startMongo();
        client = MongoClients.create(uri);
        database = client.getDatabase(new ConnectionString(uri).getDatabase());
        keyset = "registry.secrets.keyset=" + TestKeys.keysetJson();
        one = RunningRegistry.start(properties(uri, keyset, ONE));
        // Alone, the first instance claims every segment: it has a thread for each.
        await("instance one claims every segment")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() ->
                        owners().values().stream().filter(ONE::equals).count() == (long) PROCESSORS.size() * SEGMENTS);
        two = RunningRegistry.start(properties(uri, keyset, TWO));
        // Axon's tracking processors do not balance on their own: the first instance hands segment 1 to the
        // second (and leaves it alone for the rest of the test), so that both instances process events.
        for (String processor : PROCESSORS) {
            processor(one, processor).releaseSegment(1, 30, TimeUnit.MINUTES);
        }
        await("segment 0 on instance one, segment 1 on instance two")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> owners().equals(split()));
    }

    @AfterAll
    void stopEverything() {
        try {
            if (three != null) {
                three.close();
            }
            if (two != null) {
                two.close();
            }
            if (one != null) {
                one.close();
            }
            if (client != null) {
                client.close();
            }
        } finally {
            stopMongo();
        }
    }

    private static String[] properties(String uri, String keyset, String nodeId) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.data.mongodb.uri=" + uri,
                keyset,
                "registry.security.users.alice.password={noop}alice-pw",
                "registry.security.users.alice.company=acme",
                "registry.security.users.alice.roles=INTEGRATION_ADMIN",
                "registry.axon.node-id=" + nodeId,
                "registry.axon.token-claim-timeout=" + CLAIM_TIMEOUT));
        for (String processor : PROCESSORS) {
            // How often an instance looks for unclaimed segments (Axon's default: every 5 s).
            properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval=500");
        }
        return properties.toArray(String[]::new);
    }

    // ---------------------------------------------------------------------------------------- scenarios

    @Test
    @Order(1)
    void commands_sent_alternately_to_both_instances_lose_no_event_and_store_none_twice() throws Exception {
        load();

        assertThat(ledger.unexpected).as("answers other than 2xx, 409 and 412").isEmpty();
        assertThat(ledger.duplicateAcknowledgements)
                .as("one version acknowledged twice")
                .isEmpty();
        assertThat(ledger.changesWithoutAnEvent)
                .as("2xx answers that did not advance the version")
                .isEmpty();
        assertThat(ledger.answersBehindTheirCommand)
                .as("2xx answers that do not show their own change")
                .isEmpty();
        assertThat(ledger.acknowledgedCount()).isEqualTo(INTEGRATIONS + CHANGES);
        assertThat(ledger.conflicts.get() + ledger.stale.get())
                .as("concurrent commands met")
                .isPositive();
        assertEventStreamHoldsExactlyTheAcknowledgedVersions();
    }

    @Test
    @Order(2)
    void every_segment_has_one_owner_at_a_time_and_every_event_lands_once_in_each_projection() throws Exception {
        load();

        for (String processor : PROCESSORS) {
            assertThat(database.getCollection("trackingtokens")
                            .countDocuments(new Document("processorName", processor)))
                    .as("segments of %s", processor)
                    .isEqualTo(SEGMENTS);
        }
        assertThat(samples)
                .as("samples of the segments' owners during the load")
                .hasSizeGreaterThanOrEqualTo(5);
        for (Sample sample : samples) {
            assertThat(sample.owners().keySet())
                    .as("segments at %s ms", sample.atMillis())
                    .isEqualTo(split().keySet());
            assertThat(sample.owners().values())
                    .as("owners at %s ms", sample.atMillis())
                    .allMatch(owner -> ONE.equals(owner) || TWO.equals(owner));
            assertThat(sample.processedByBoth())
                    .as("segments both instances process at %s ms", sample.atMillis())
                    .isEmpty();
        }
        assertThat(samples)
                .as("samples where both instances own segments")
                .anyMatch(sample ->
                        sample.owners().containsValue(ONE) && sample.owners().containsValue(TWO));
        System.out.printf(
                "[scale-out %s] %d samples of the token store and of both instances' processors: every "
                        + "segment claimed by one instance, none processed by both; %d show segment 0 on instance one "
                        + "and segment 1 on instance two%n",
                getClass().getSimpleName(),
                samples.size(),
                samples.stream()
                        .filter(sample -> sample.owners().equals(split()))
                        .count());

        await("projections show every event")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(this::assertProjectionsHoldEveryEventOnce);
        assertNoProcessorFailed(one);
        assertNoProcessorFailed(two);
    }

    @Test
    @Order(3)
    void stopping_one_instance_hands_its_segments_to_the_other_and_skips_no_event() throws Exception {
        load();
        int before = ledger.acknowledgedCount();

        // Changes through instance one right before it stops: their audit entries may still be unwritten.
        changeEveryIntegrationOnce(index -> one);
        long stopping = System.nanoTime();
        one.close();
        long stopped = System.nanoTime();
        // More changes, now through instance two alone.
        changeEveryIntegrationOnce(index -> two);

        await("instance two owns every segment")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        owners().values().stream().filter(TWO::equals).count() == (long) PROCESSORS.size() * SEGMENTS);
        long handedOver = System.nanoTime();
        await("projections show every event")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(this::assertProjectionsHoldEveryEventOnce);
        long caughtUp = System.nanoTime();

        assertThat(ledger.unexpected).as("answers other than 2xx, 409 and 412").isEmpty();
        assertThat(ledger.acknowledgedCount()).isEqualTo(before + 2 * INTEGRATIONS);
        assertEventStreamHoldsExactlyTheAcknowledgedVersions();
        assertNoProcessorFailed(two);
        System.out.printf(
                "[scale-out %s] stop of instance one took %d ms; every segment on instance two %d ms after "
                        + "the stop began; projections complete %d ms after it%n",
                getClass().getSimpleName(),
                millis(stopped - stopping),
                millis(handedOver - stopping),
                millis(caughtUp - stopping));
    }

    @Test
    @Order(4)
    void an_instance_that_dies_holding_its_claims_loses_its_segments_once_the_claim_timeout_is_over() throws Exception {
        load();
        one.close();
        await("instance two owns every segment")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(20))
                .until(() ->
                        owners().values().stream().filter(TWO::equals).count() == (long) PROCESSORS.size() * SEGMENTS);
        three = RunningRegistry.start(properties(uri, keyset, THREE));
        int before = ledger.acknowledgedCount();

        changeEveryIntegrationOnce(index -> two);
        // Instance two loses its database and then stops: it can neither extend, store nor release its claims,
        // as when it crashes; its last tokens may lag what its projections already wrote.
        long dying = System.nanoTime();
        long diedAt = System.currentTimeMillis();
        two.bean(MongoClient.class).close();
        Map<String, Document> leftBehind = tokens();
        two.close();
        long dead = System.nanoTime();
        assertThat(leftBehind.values())
                .as("claims instance two died with")
                .allMatch(token -> TWO.equals(token.getString("owner")));
        long lastExtended = leftBehind.values().stream()
                .mapToLong(token -> token.getLong("timestamp"))
                .max()
                .orElseThrow();
        // More changes, through instance three, while it waits for the claims to time out.
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> later = sender.submit(() -> {
            changeEveryIntegrationOnce(index -> three);
            return null;
        });
        Set<String> ownersSeen = ConcurrentHashMap.newKeySet();
        Map<String, Document> takenOver = await("instance three owns every segment")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> {
                            Map<String, Document> tokens = tokens();
                            tokens.values().forEach(token -> ownersSeen.add(String.valueOf(token.getString("owner"))));
                            return tokens;
                        },
                        tokens -> tokens.values().stream().allMatch(token -> THREE.equals(token.getString("owner"))));
        long handedOver = System.nanoTime();
        later.get(60, TimeUnit.SECONDS);
        sender.shutdown();
        // Nothing was released: instance three took the claims over from the dead instance two once they timed out.
        assertThat(ownersSeen).as("owners seen during the takeover").isSubsetOf(TWO, THREE);
        long soonestTakeover = takenOver.keySet().stream()
                .mapToLong(segment -> takenOver.get(segment).getLong("timestamp")
                        - leftBehind.get(segment).getLong("timestamp"))
                .min()
                .orElseThrow();
        assertThat(soonestTakeover)
                .as("ms from a claim's last extension by instance two to its takeover")
                .isGreaterThanOrEqualTo(CLAIM_TIMEOUT.toMillis());
        await("projections show every event")
                .atMost(CLAIM_TIMEOUT.plus(MARGIN))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(this::assertProjectionsHoldEveryEventOnce);
        long caughtUp = System.nanoTime();

        assertThat(ledger.unexpected).as("answers other than 2xx, 409 and 412").isEmpty();
        assertThat(ledger.acknowledgedCount()).isEqualTo(before + 2 * INTEGRATIONS);
        assertEventStreamHoldsExactlyTheAcknowledgedVersions();
        assertNoProcessorFailed(three);
        System.out.printf(
                "[scale-out %s] instance two died (database gone, then stopped) in %d ms, its claims last "
                        + "extended %d ms before; every segment on instance three %d ms after it lost the database "
                        + "(a claim taken %d ms after its last extension at the soonest); projections complete %d ms after it%n",
                getClass().getSimpleName(),
                millis(dead - dying),
                diedAt - lastExtended,
                millis(handedOver - dying),
                soonestTakeover,
                millis(caughtUp - dying));
    }

    // ---------------------------------------------------------------------------------------- the load

    /** Creates the integrations and sends the changes, once for all scenarios. */
    // The sampler repeats until it is shut down at the end of the load; its future holds nothing to wait for.
    @SuppressWarnings("FutureReturnValueIgnored")
    private synchronized void load() throws Exception {
        if (loaded) {
            return;
        }
        loaded = true;
        long started = System.nanoTime();
        for (int i = 0; i < INTEGRATIONS; i++) {
            Answer created =
                    send(i % 2 == 0 ? one : two, "POST", "/api/integrations", """
                    {"name": "Scale out %d", "baseApiUrl": "https://files.acme.example/webhooks",
                     "requestParameters": "rev=0", "active": %s,
                     "authentication": {"type": "API_KEY", "apiKey": "scale-out-api-key-0123456789"}}""".formatted(i, i % 2 == 0), null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ledger.acknowledge(created, -1);
            integrationIds.add(created.json().path("id").asText());
        }

        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> samples.add(sample(started)), 0, 100, TimeUnit.MILLISECONDS);
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        AtomicInteger remaining = new AtomicInteger(CHANGES);
        AtomicLong turn = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(t);
            String worker = "t" + t;
            running.add(workers.submit(() -> {
                go.await();
                for (int n = 0; remaining.getAndDecrement() > 0; n++) {
                    String id = integrationIds.get(random.nextInt(INTEGRATIONS));
                    Kind kind = random.nextBoolean() ? Kind.EDIT : Kind.TOGGLE;
                    change(id, kind, worker + "n" + n, () -> turn.getAndIncrement() % 2 == 0 ? one : two);
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> worker : running) {
                worker.get(90, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.printf(
                "[scale-out %s] %d integrations, %d changes from %d threads in %d ms: %d commands sent, "
                        + "%d answered 2xx, %d answered 409, %d answered 412 (each retried after a fresh read), "
                        + "%d other answers; %d 2xx bodies already showed a later change; %d owner samples%n",
                getClass().getSimpleName(),
                INTEGRATIONS,
                CHANGES,
                THREADS,
                millis(System.nanoTime() - started),
                ledger.sent.get(),
                ledger.succeeded.get(),
                ledger.conflicts.get(),
                ledger.stale.get(),
                ledger.unexpected.size(),
                ledger.bodiesAhead.get(),
                samples.size());
    }

    private enum Kind {
        EDIT,
        TOGGLE
    }

    /** One acknowledged change of one integration, retried after a fresh read on 409 and 412. */
    private void change(String id, Kind kind, String revision, Supplier<RunningRegistry> instances) {
        Acknowledged last = ledger.latest(id);
        long version = last.version();
        JsonNode known = last.integration();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            RunningRegistry instance = instances.get();
            String ifMatch = "\"" + version + "\"";
            Answer answer;
            if (kind == Kind.EDIT) {
                answer = send(
                        instance,
                        "PUT",
                        "/api/integrations/" + id,
                        """
                        {"name": "%s", "baseApiUrl": "%s", "requestParameters": "rev=%s",
                         "authentication": {"type": "API_KEY"}}""".formatted(
                                        known.path("name").asText(),
                                        known.path("baseApiUrl").asText(),
                                        revision),
                        ifMatch);
            } else {
                String toggle = "ACTIVE".equals(known.path("status").asText()) ? "deactivate" : "activate";
                answer = send(instance, "POST", "/api/integrations/" + id + "/" + toggle, null, ifMatch);
            }
            ledger.sent.incrementAndGet();
            if (answer.status() / 100 == 2) {
                ledger.succeeded.incrementAndGet();
                ledger.acknowledge(answer, version);
                return;
            }
            if (answer.status() == 409 || answer.status() == 412) {
                (answer.status() == 409 ? ledger.conflicts : ledger.stale).incrementAndGet();
                Answer fresh = send(instances.get(), "GET", "/api/integrations/" + id, null, null);
                if (fresh.status() != 200) {
                    ledger.unexpected.add("GET " + id + " answered " + fresh.status() + ": " + fresh.body());
                    return;
                }
                known = fresh.json();
                version = fresh.version();
                continue;
            }
            ledger.unexpected.add(kind + " " + id + " answered " + answer.status() + ": " + answer.body());
            return;
        }
        ledger.unexpected.add(kind + " " + id + " still conflicting after " + MAX_ATTEMPTS + " attempts");
    }

    /** One change of each integration at once, each through the instance given for it. */
    private void changeEveryIntegrationOnce(IntFunction<RunningRegistry> instance) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INTEGRATIONS);
        try {
            List<Future<?>> changes = new ArrayList<>();
            for (int i = 0; i < INTEGRATIONS; i++) {
                int index = i;
                String id = integrationIds.get(i);
                changes.add(pool.submit(() -> change(
                        id,
                        index % 2 == 0 ? Kind.EDIT : Kind.TOGGLE,
                        "late" + System.nanoTime(),
                        () -> instance.apply(index))));
            }
            for (Future<?> change : changes) {
                change.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer send(RunningRegistry instance, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8)))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException failed) {
            throw new IllegalStateException(method + " " + path + " failed", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private record Answer(int status, String etag, String body) {

        /** The version the answer is about: its ETag, a quoted version. */
        long version() {
            assertThat(etag).as("ETag of %s", body).matches("\"\\d+\"");
            return Long.parseLong(etag.substring(1, etag.length() - 1));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }
    }

    /**
     * A 2xx answer to a command: the version its ETag names (the one the command stored), and the integration
     * in its body, which shows at least that version (a concurrent change may already show too).
     */
    private record Acknowledged(long version, JsonNode integration) {}

    /** What the clients were told: every acknowledged version of every integration, and every other answer. */
    private static final class Ledger {

        final Map<String, Map<Long, Acknowledged>> acknowledged = new ConcurrentHashMap<>();
        final List<String> duplicateAcknowledgements = Collections.synchronizedList(new ArrayList<>());
        final List<String> changesWithoutAnEvent = Collections.synchronizedList(new ArrayList<>());
        final List<String> answersBehindTheirCommand = Collections.synchronizedList(new ArrayList<>());
        final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger conflicts = new AtomicInteger();
        final AtomicInteger stale = new AtomicInteger();
        final AtomicInteger bodiesAhead = new AtomicInteger();

        /** Records a 2xx answer to a command sent with {@code If-Match: ifMatch} ({@code -1}: a creation). */
        void acknowledge(Answer answer, long ifMatch) {
            JsonNode integration = answer.json();
            String id = integration.path("id").asText();
            long version = answer.version();
            if (version != ifMatch + 1) {
                changesWithoutAnEvent.add(id + " answered version " + version + " to If-Match " + ifMatch);
            }
            if (integration.path("version").asLong() > version) {
                bodiesAhead.incrementAndGet();
            }
            if (integration.path("version").asLong() < version) {
                answersBehindTheirCommand.add(id + " answered " + integration + " with ETag " + version);
            }
            if (acknowledged
                            .computeIfAbsent(id, any -> new ConcurrentHashMap<>())
                            .putIfAbsent(version, new Acknowledged(version, integration))
                    != null) {
                duplicateAcknowledgements.add(id + " version " + version);
            }
        }

        Acknowledged latest(String id) {
            return new TreeMap<>(acknowledged.get(id)).lastEntry().getValue();
        }

        int acknowledgedCount() {
            return acknowledged.values().stream().mapToInt(Map::size).sum();
        }
    }

    // ---------------------------------------------------------------------------------------- the checks

    /** The event store, read directly: (aggregate, sequence) unique, no gaps, exactly the acknowledged versions. */
    private void assertEventStreamHoldsExactlyTheAcknowledgedVersions() {
        Map<String, List<Long>> stored = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        int events = 0;
        for (Document event : database.getCollection("domainevents").find(STORED_EVENTS)) {
            events++;
            stored.computeIfAbsent(event.getString("aggregateIdentifier"), any -> new ArrayList<>())
                    .add(((Number) event.get("sequenceNumber")).longValue());
            assertThat(eventIds.add(event.getString("eventIdentifier")))
                    .as("event id %s stored once", event.getString("eventIdentifier"))
                    .isTrue();
        }
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(integrationIds);
        for (String id : integrationIds) {
            List<Long> sequences = stored.get(id);
            assertThat(new HashSet<>(sequences))
                    .as("sequences of %s stored once each", id)
                    .hasSameSizeAs(sequences);
            assertThat(new TreeSet<>(sequences))
                    .as("sequences of %s, without gaps, = the acknowledged versions", id)
                    .containsExactlyElementsOf(
                            new TreeSet<>(ledger.acknowledged.get(id).keySet()))
                    .containsExactlyElementsOf(contiguous(sequences.size()));
        }
        assertThat(events).isEqualTo(ledger.acknowledgedCount());
        System.out.printf(
                "[scale-out %s] event store: %d events of %d integrations, each acknowledged version once%n",
                getClass().getSimpleName(), events, stored.size());
    }

    /** The list shows every integration at its last event; the audit trail has one entry per event. */
    private void assertProjectionsHoldEveryEventOnce() {
        Map<String, Long> lastSequence = new HashMap<>();
        Map<String, Document> events = new HashMap<>();
        for (Document event : database.getCollection("domainevents").find(STORED_EVENTS)) {
            events.put(event.getString("eventIdentifier"), event);
            lastSequence.merge(
                    event.getString("aggregateIdentifier"),
                    ((Number) event.get("sequenceNumber")).longValue(),
                    Math::max);
        }
        Map<String, Document> listed = new HashMap<>();
        for (Document entry : database.getCollection("integration_list").find()) {
            listed.put(entry.getString("_id"), entry);
        }
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(lastSequence.keySet());
        for (Map.Entry<String, Long> last : lastSequence.entrySet()) {
            Document entry = listed.get(last.getKey());
            JsonNode answered = ledger.latest(last.getKey()).integration();
            assertThat(((Number) entry.get("version")).longValue())
                    .as("listed version of %s", last.getKey())
                    .isEqualTo(last.getValue());
            assertThat(entry.getString("status"))
                    .as("listed status of %s", last.getKey())
                    .isEqualTo(answered.path("status").asText());
            assertThat(entry.getString("requestParameters"))
                    .as("listed request parameters of %s", last.getKey())
                    .isEqualTo(answered.path("requestParameters").asText());
        }
        Map<String, Document> trail = new HashMap<>();
        int entries = 0;
        for (Document entry : database.getCollection("audit_trail").find()) {
            entries++;
            trail.put(entry.getString("_id"), entry);
        }
        assertThat(entries).as("audit entries").isEqualTo(trail.size());
        assertThat(trail.keySet()).as("audit entries by event id").containsExactlyInAnyOrderElementsOf(events.keySet());
        for (Map.Entry<String, Document> entry : trail.entrySet()) {
            Document event = events.get(entry.getKey());
            assertThat(entry.getValue().getString("integrationId")).isEqualTo(event.getString("aggregateIdentifier"));
            assertThat(((Number) entry.getValue().get("version")).longValue())
                    .as("audit entry %s", entry.getKey())
                    .isEqualTo(((Number) event.get("sequenceNumber")).longValue());
        }
    }

    private static void assertNoProcessorFailed(RunningRegistry instance) {
        for (String processor : PROCESSORS) {
            assertThat(processor(instance, processor).processingStatus().values())
                    .as("segments of %s in error", processor)
                    .noneMatch(EventTrackerStatus::isErrorState);
        }
    }

    // ---------------------------------------------------------------------------------------- segments

    /** Who owns each (processor, segment), as the token store says; an unclaimed one maps to null. */
    private Map<String, String> owners() {
        Map<String, String> owners = new TreeMap<>();
        tokens().forEach((segment, token) -> owners.put(segment, token.getString("owner")));
        return owners;
    }

    /** The token store's entry of each (processor, segment): owner, and when it was last claimed or extended. */
    private Map<String, Document> tokens() {
        Map<String, Document> tokens = new TreeMap<>();
        for (Document token : database.getCollection("trackingtokens").find()) {
            tokens.put(token.getString("processorName") + "/" + token.getInteger("segment"), token);
        }
        return tokens;
    }

    private static Map<String, String> split() {
        Map<String, String> split = new TreeMap<>();
        for (String processor : PROCESSORS) {
            split.put(processor + "/0", ONE);
            split.put(processor + "/1", TWO);
        }
        return split;
    }

    /** The owners in the token store and, from each instance, the segments its processors are working on. */
    private Sample sample(long started) {
        Map<String, String> owners = owners();
        Set<String> processedByOne = processing(one);
        Set<String> both = new TreeSet<>(processing(two));
        both.retainAll(processedByOne);
        return new Sample(millis(System.nanoTime() - started), owners, both);
    }

    private record Sample(long atMillis, Map<String, String> owners, Set<String> processedByBoth) {}

    private static Set<String> processing(RunningRegistry instance) {
        Set<String> segments = new HashSet<>();
        for (String processor : PROCESSORS) {
            processor(instance, processor)
                    .processingStatus()
                    .keySet()
                    .forEach(segment -> segments.add(processor + "/" + segment));
        }
        return segments;
    }

    private static TrackingEventProcessor processor(RunningRegistry instance, String name) {
        return instance.bean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow();
    }

    private static List<Long> contiguous(int count) {
        List<Long> sequences = new ArrayList<>();
        for (long sequence = 0; sequence < count; sequence++) {
            sequences.add(sequence);
        }
        return sequences;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
