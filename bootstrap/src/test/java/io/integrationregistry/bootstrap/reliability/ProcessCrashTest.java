package io.integrationregistry.bootstrap.reliability;

import fixtures.keys.TestKeys;
import io.integrationregistry.bootstrap.RegistryProcess;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.reliability.LoadDriver.ClientCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service, a process of its own on a MongoDB that outlives it, killed (SIGKILL) in the middle of a
 * load of commands and started again: every acknowledged change is stored, none twice; a change that
 * was never answered is stored once or not at all; the projections catch up without a gap or a double
 * effect.
 */
class ProcessCrashTest {

    static final Duration START_WITHIN = Duration.ofMinutes(3);
    static final String[] PROCESSORS = {"integration-list", "audit-trail"};

    @TempDir
    Path data;

    @Test
    void a_service_killed_mid_load_loses_no_acknowledged_change_and_its_projections_catch_up_without_doubles()
            throws Exception {
        try (FaultMongoServer database = FaultMongoServer.start(data)) {
            List<String> properties = new ArrayList<>(List.of(
                    "spring.data.mongodb.uri=" + database.uri(),
                    "registry.secrets.keyset=" + TestKeys.keysetJson(),
                    "registry.security.users.alice.password={noop}alice-pw",
                    "registry.security.users.alice.company=acme",
                    "registry.security.users.alice.roles=INTEGRATION_ADMIN",
                    // The killed process never releases its claims: let them expire soon.
                    "registry.axon.token-claim-timeout=PT3S",
                    // A request cut off by the kill leaves its Idempotency-Key unanswered: let a retry settle it soon.
                    "registry.name-reservation-grace=PT5S"));
            for (String processor : PROCESSORS) {
                properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval=500");
            }
            String[] arguments = properties.toArray(String[]::new);

            long starting = System.nanoTime();
            RegistryProcess[] service = {RegistryProcess.start("crash-service-0", START_WITHIN, arguments)};
            long firstStart = millisSince(starting);
            LoadLedger ledger = new LoadLedger();
            HttpApi[] api = {HttpApi.as(service[0].port(), "alice", "alice-pw", Duration.ofSeconds(60))};
            LoadDriver driver = new LoadDriver(() -> api[0], ledger, "Crash", 5);
            driver.createShared(LoadSizes.SHARED_INTEGRATIONS);

            List<Long> restarts = new ArrayList<>();
            List<Integer> acknowledgedAtKill = new ArrayList<>();
            int unanswered = 0;
            try {
                for (int crash = 0; crash < LoadSizes.CRASHES; crash++) {
                    int target = ledger.acknowledgedCount() + LoadSizes.ACKNOWLEDGED_BEFORE_CRASH;
                    AtomicBoolean running = new AtomicBoolean(true);
                    long seed = 10L + crash;
                    ExecutorService background = Executors.newSingleThreadExecutor();
                    Future<?> load = background.submit(() -> {
                        driver.run(
                                LoadSizes.CRASH_CLIENTS,
                                seed,
                                ClientCondition.whilst(running::get),
                                Duration.ofMinutes(30));
                        return null;
                    });
                    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
                    while (ledger.acknowledgedCount() < target && System.nanoTime() < deadline && !load.isDone()) {
                        Thread.sleep(10);
                    }
                    acknowledgedAtKill.add(ledger.acknowledgedCount());
                    service[0].kill();
                    running.set(false);
                    load.get(2, TimeUnit.MINUTES);
                    background.shutdown();

                    long restarting = System.nanoTime();
                    service[0] = RegistryProcess.start("crash-service-" + (crash + 1), START_WITHIN, arguments);
                    restarts.add(millisSince(restarting));
                    api[0] = HttpApi.as(service[0].port(), "alice", "alice-pw", Duration.ofSeconds(60));
                }
                unanswered = (int) ledger.count(exchange -> !exchange.answered());
                int creationsToSettle = driver.unsettled().size();
                List<String> unsettled = driver.settle(Duration.ofSeconds(120));
                ledger.writeTo(RegistryProcess.OUTPUT_FOLDER.resolve("process-crash-exchanges.txt"), starting);
                // The restarted service serves: a few more commands through it.
                driver.run(2, 99, ClientCondition.times(10), Duration.ofMinutes(5));

                Duration caughtUp = LoadEventStream.awaitProjectionsCaughtUp(
                        database.database(), any -> true, Duration.ofSeconds(120));
                LoadEventStream stream = LoadEventStream.read(database.database(), any -> true);
                Set<String> acknowledgedNames = new HashSet<>();
                ledger.acknowledged()
                        .values()
                        .forEach(versions -> versions.values().forEach(effect -> {
                            if (effect.name() != null) {
                                acknowledgedNames.add(effect.name());
                            }
                        }));
                long unacknowledgedStored = stream.storedNames().stream()
                        .filter(name -> ledger.sentNames().contains(name) && !acknowledgedNames.contains(name))
                        .count();
                Map<Integer, Long> statuses = new TreeMap<>();
                ledger.exchanges().forEach(exchange -> statuses.merge(exchange.status(), 1L, Long::sum));
                System.out.printf(
                        "RELIABILITY process-crash: %d clients, %d SIGKILL(s) after %s acknowledged changes: "
                                + "%d requests sent, statuses %s (0: no answer), %d without an answer; %d changes "
                                + "acknowledged, all stored once; %d creations cut off retried with their "
                                + "Idempotency-Key, %d settled; %d unacknowledged changes stored (once each); %d "
                                + "events; service healthy %d ms after its first start, %s ms after each restart; "
                                + "projections equal the fold %d ms after the last load; 5xx: %d; output in %s%n",
                        LoadSizes.CRASH_CLIENTS,
                        LoadSizes.CRASHES,
                        acknowledgedAtKill,
                        ledger.exchanges().size(),
                        statuses,
                        unanswered,
                        ledger.acknowledgedCount(),
                        creationsToSettle,
                        creationsToSettle - unsettled.size(),
                        unacknowledgedStored,
                        stream.events(),
                        firstStart,
                        restarts,
                        caughtUp.toMillis(),
                        ledger.serverErrors(),
                        RegistryProcess.OUTPUT_FOLDER.toAbsolutePath());

                assertThat(unanswered).as("requests cut off by the kill").isPositive();
                assertThat(statuses.keySet()).as("statuses answered").isSubsetOf(0, 200, 201, 409, 412);
                assertThat(unsettled)
                        .as("creations still unsettled after retries with their Idempotency-Key")
                        .isEmpty();
                assertThat(ledger.acknowledgedTwice).isEmpty();
                assertThat(ledger.changesWithoutAVersion).isEmpty();
                stream.assertHoldsEveryAcknowledgedChangeOnce(ledger);
            } finally {
                service[0].stop();
            }
        }
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
