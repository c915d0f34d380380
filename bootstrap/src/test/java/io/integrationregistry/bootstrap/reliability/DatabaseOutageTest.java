package io.integrationregistry.bootstrap.reliability;

import fixtures.keys.TestKeys;
import io.integrationregistry.bootstrap.RegistryProcess;
import io.integrationregistry.bootstrap.RunningRegistry;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.reliability.LoadDriver.ClientCondition;
import io.integrationregistry.bootstrap.reliability.LoadLedger.Exchange;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on a MongoDB reached over TCP, under a load of commands and reads, while the database
 * stops and starts again on the same port and file: during the outage every request fails fast with a
 * 503 problem, never a 500 or a hang; afterwards the service serves again by itself, no acknowledged
 * change is lost or stored twice, and the projections' processors resume and catch up.
 */
class DatabaseOutageTest {

    /** How long the service waits for MongoDB before answering 503 (the default of registry.mongo.*). */
    static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(3);
    /** A request sent while the database is down waits for it once: the timeout, and a margin for a busy machine. */
    static final Duration FAIL_FAST_BOUND = SERVER_SELECTION_TIMEOUT.plusSeconds(3);
    /**
     * A change the stop catches half-way may wait for the database up to three times: for the write, then
     * to undo its name reservation and to release its Idempotency-Key (which a retry needs at once).
     */
    static final Duration CAUGHT_HALF_WAY_BOUND =
            SERVER_SELECTION_TIMEOUT.multipliedBy(3).plusSeconds(3);

    static final Duration SERVES_AGAIN_WITHIN = Duration.ofSeconds(10);
    static final List<String> PROCESSORS = List.of("integration-list", "audit-trail");
    /** How long a request counts as in flight (a name reservation, an unanswered Idempotency-Key). */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);

    @TempDir
    Path data;

    @Test
    void requests_fail_fast_with_503_while_the_database_is_down_and_nothing_acknowledged_is_lost() throws Exception {
        try (FaultMongoServer database = FaultMongoServer.start(data);
                RunningRegistry service = RunningRegistry.start(
                        "spring.data.mongodb.uri=" + database.uri(),
                        "registry.secrets.keyset=" + TestKeys.keysetJson(),
                        "registry.security.users.alice.password={noop}alice-pw",
                        "registry.security.users.alice.company=acme",
                        "registry.security.users.alice.roles=INTEGRATION_ADMIN",
                        "registry.name-reservation-grace=" + IN_FLIGHT_GRACE)) {
            HttpApi api = HttpApi.as(service.port(), "alice", "alice-pw", Duration.ofSeconds(120));
            LoadLedger ledger = new LoadLedger();
            LoadDriver driver = new LoadDriver(() -> api, ledger, "Outage", 5);
            driver.createShared(LoadSizes.SHARED_INTEGRATIONS);

            long origin = System.nanoTime();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService background = Executors.newSingleThreadExecutor();
            Future<?> load = background.submit(() -> {
                driver.run(LoadSizes.OUTAGE_CLIENTS, 3, ClientCondition.whilst(running::get), Duration.ofMinutes(30));
                return null;
            });
            List<Outage> outages = new ArrayList<>();
            try {
                for (int i = 0; i < LoadSizes.OUTAGES; i++) {
                    Thread.sleep(LoadSizes.AROUND_OUTAGE.toMillis());
                    long stopping = System.nanoTime();
                    database.stop();
                    long stopped = System.nanoTime();
                    Thread.sleep(LoadSizes.OUTAGE.toMillis());
                    long restarting = System.nanoTime();
                    database.start();
                    long restarted = System.nanoTime();
                    long servedAgain = awaitFirstSuccessSentAfter(ledger, restarted);
                    outages.add(new Outage(stopping, stopped, restarting, restarted, servedAgain));
                }
                Thread.sleep(LoadSizes.AROUND_OUTAGE.toMillis());
            } finally {
                running.set(false);
                load.get(5, TimeUnit.MINUTES);
                background.shutdown();
            }
            int creationsToSettle = driver.unsettled().size();
            List<String> unsettled = driver.settle(Duration.ofSeconds(120));
            long lastRestart = outages.get(outages.size() - 1).restarted();
            Duration caughtUp =
                    LoadEventStream.awaitProjectionsCaughtUp(database.database(), any -> true, Duration.ofSeconds(120));
            long caughtUpAfterRestart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRestart);
            LoadEventStream stream = LoadEventStream.read(database.database(), any -> true);

            ledger.writeTo(RegistryProcess.OUTPUT_FOLDER.resolve("database-outage-exchanges.txt"), origin);
            List<Exchange> exchanges = ledger.exchanges();
            List<Exchange> during = exchanges.stream()
                    .filter(exchange -> outages.stream()
                            .anyMatch(outage -> exchange.sentNanos() >= outage.stopped()
                                    && exchange.answeredNanos() <= outage.restarting()))
                    .toList();
            Map<Integer, Long> statuses = new TreeMap<>();
            exchanges.forEach(exchange -> statuses.merge(exchange.status(), 1L, Long::sum));
            Map<Integer, Long> duringStatuses = new TreeMap<>();
            during.forEach(exchange -> duringStatuses.merge(exchange.status(), 1L, Long::sum));
            long slowestDuring =
                    during.stream().mapToLong(Exchange::millis).max().orElse(-1);
            long slowestUnavailable = exchanges.stream()
                    .filter(exchange -> exchange.status() == 503)
                    .mapToLong(Exchange::millis)
                    .max()
                    .orElse(-1);
            long slowestServedAgain = outages.stream()
                    .mapToLong(outage -> outage.servedAgainMillis())
                    .max()
                    .orElseThrow();
            System.out.printf(
                    "RELIABILITY database-outage: %d clients, %d outage(s) of %d s: %d requests sent, statuses "
                            + "%s; during the outages %d requests, statuses %s, slowest %d ms (bound %d ms); slowest 503 of "
                            + "all, caught half-way included, %d ms (bound %d ms); 5xx "
                            + "%d (500: %d); first success %d ms after the database was back; %d changes "
                            + "acknowledged, all stored once (%d events); %d creations answered 503 retried with their "
                            + "Idempotency-Key, %d settled; projections equal the fold %d ms after the last restart (%d ms "
                            + "of waiting after the load)%n",
                    LoadSizes.OUTAGE_CLIENTS,
                    LoadSizes.OUTAGES,
                    LoadSizes.OUTAGE.toSeconds(),
                    exchanges.size(),
                    statuses,
                    during.size(),
                    duringStatuses,
                    slowestDuring,
                    FAIL_FAST_BOUND.toMillis(),
                    slowestUnavailable,
                    CAUGHT_HALF_WAY_BOUND.toMillis(),
                    ledger.serverErrors(),
                    ledger.status(500),
                    slowestServedAgain,
                    ledger.acknowledgedCount(),
                    stream.events(),
                    creationsToSettle,
                    creationsToSettle - unsettled.size(),
                    caughtUpAfterRestart,
                    caughtUp.toMillis());

            assertThat(during)
                    .as("requests sent and answered while the database was down")
                    .isNotEmpty();
            assertThat(duringStatuses.keySet())
                    .as("statuses answered while the database was down")
                    .containsOnly(503);
            assertThat(slowestDuring)
                    .as("slowest answer while the database was down, ms")
                    .isLessThanOrEqualTo(FAIL_FAST_BOUND.toMillis());
            assertThat(slowestUnavailable).as("slowest 503, ms").isLessThanOrEqualTo(CAUGHT_HALF_WAY_BOUND.toMillis());
            assertThat(statuses.keySet())
                    .as("statuses answered, before, during and after")
                    .isSubsetOf(0, 200, 201, 409, 412, 503);
            assertThat(ledger.count(exchange -> !exchange.answered()))
                    .as("requests without an answer")
                    .isZero();
            for (Exchange unavailable : exchanges.stream()
                    .filter(exchange -> exchange.status() == 503)
                    .toList()) {
                assertThat(unavailable.contentType()).as(unavailable.body()).startsWith("application/problem+json");
                assertThat(unavailable.retryAfter())
                        .as("Retry-After of %s", unavailable.body())
                        .isNotBlank();
                assertThat(unavailable.body()).doesNotContain("Exception").doesNotContain("\tat ");
            }
            assertThat(slowestServedAgain)
                    .as("ms from the database's return to the first success")
                    .isLessThanOrEqualTo(SERVES_AGAIN_WITHIN.toMillis());
            assertThat(unsettled)
                    .as("creations still unsettled after retries with their Idempotency-Key")
                    .isEmpty();
            assertThat(ledger.acknowledgedTwice).isEmpty();
            assertThat(ledger.changesWithoutAVersion).isEmpty();
            stream.assertHoldsEveryAcknowledgedChangeOnce(ledger);
            EventProcessingConfiguration processing = service.bean(EventProcessingConfiguration.class);
            for (String name : PROCESSORS) {
                TrackingEventProcessor processor = processing
                        .eventProcessor(name, TrackingEventProcessor.class)
                        .orElseThrow();
                assertThat(processor.isRunning()).as("%s running", name).isTrue();
                assertThat(processor.processingStatus().values())
                        .as("segments of %s in error", name)
                        .noneMatch(EventTrackerStatus::isErrorState);
            }
        }
    }

    /** Waits for the first 2xx answer to a request sent after {@code since}; answers when it came. */
    private static long awaitFirstSuccessSentAfter(LoadLedger ledger, long since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long first = ledger.exchanges().stream()
                    .filter(exchange -> exchange.sentNanos() >= since)
                    .filter(exchange -> exchange.status() / 100 == 2)
                    .mapToLong(Exchange::answeredNanos)
                    .min()
                    .orElse(Long.MAX_VALUE);
            if (first != Long.MAX_VALUE) {
                return first;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no request succeeded within 60 s of the database's return");
    }

    private record Outage(long stopping, long stopped, long restarting, long restarted, long servedAgain) {

        long servedAgainMillis() {
            return TimeUnit.NANOSECONDS.toMillis(servedAgain - restarted);
        }
    }
}
