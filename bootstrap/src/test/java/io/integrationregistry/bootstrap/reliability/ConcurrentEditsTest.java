package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.api.ApiTestBase;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import io.integrationregistry.bootstrap.reliability.LoadDriver.ClientCondition;
import io.integrationregistry.bootstrap.reliability.LoadLedger.Effect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients changing the same integrations at once, over HTTP: optimistic concurrency lets exactly
 * one of the changes made from one version through, every acknowledged change is stored once, and the
 * read models end up as the event stream folds.
 */
class ConcurrentEditsTest extends ApiTestBase {

    @Autowired
    MongoTemplate mongo;

    @Test
    void clients_editing_from_the_same_version_at_once_get_one_success_and_412_for_all_others() throws Exception {
        LoadLedger ledger = new LoadLedger();
        HttpApi api = alice();
        LoadDriver driver = new LoadDriver(() -> api, ledger, unique("Race"));
        String id = driver.createShared(1).get(0);
        int clients = LoadSizes.RACING_CLIENTS;

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String body = """
                    {"name": "%s", "baseApiUrl": "https://files.acme.example/webhooks",
                     "authentication": {"type": "API_KEY"}}""".formatted(unique("Racer " + c));
            answers.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return api.put("/api/integrations/" + id, body, ifMatch("\"0\""));
            }));
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        go.countDown();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Answer> succeeded = new ArrayList<>();
        for (Future<Answer> future : answers) {
            Answer answer = future.get(120, TimeUnit.SECONDS);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() / 100 == 2) {
                succeeded.add(answer);
            } else {
                assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        pool.shutdown();
        LoadEventStream stream = LoadEventStream.read(mongo.getDb(), id::equals);
        System.out.printf(
                "RELIABILITY concurrent-if-match: %d PUTs with If-Match \"0\" released together, answered "
                        + "in %d ms: statuses %s; %d events stored for the integration%n",
                clients, millis, statuses, stream.events());

        assertThat(statuses).as("answers by status").isEqualTo(Map.of(200, 1, 412, clients - 1));
        assertThat(LoadDriver.version(succeeded.get(0))).isEqualTo(1);
        assertThat(stream.duplicatesAndGaps())
                .as("duplicate (aggregate, sequence)")
                .isEmpty();
        assertThat(stream.events()).as("the addition and the one edit").isEqualTo(2);
        assertThat(stream.last(id).name())
                .isEqualTo(succeeded.get(0).json().path("name").asText());
    }

    @Test
    void clients_sending_random_commands_to_shared_integrations_lose_nothing_and_the_read_models_fold_the_stream()
            throws Exception {
        LoadLedger ledger = new LoadLedger();
        HttpApi api = alice();
        LoadDriver driver = new LoadDriver(() -> api, ledger, unique("Load"));
        driver.createShared(LoadSizes.SHARED_INTEGRATIONS);
        long start = System.nanoTime();

        driver.run(LoadSizes.CLIENTS, 1, ClientCondition.times(LoadSizes.COMMANDS_PER_CLIENT), Duration.ofHours(3));
        long loaded = System.nanoTime();

        Set<String> ours = ledger.acknowledged().keySet();
        LoadEventStream stream = LoadEventStream.read(mongo.getDb(), ours::contains);
        Duration caughtUp =
                LoadEventStream.awaitProjectionsCaughtUp(mongo.getDb(), ours::contains, Duration.ofSeconds(60));
        Map<Integer, Long> statuses = new TreeMap<>();
        ledger.exchanges().forEach(exchange -> statuses.merge(exchange.status(), 1L, Long::sum));
        System.out.printf(
                "RELIABILITY concurrent-commands: %d clients x %d commands on %d shared integrations in %d ms: "
                        + "%d requests sent, statuses %s, %d retries after 409/412, %d changes acknowledged, %d "
                        + "acknowledged without a change; %d events stored for %d integrations; 5xx: %d; projections "
                        + "equal the fold %d ms after the load%n",
                LoadSizes.CLIENTS,
                LoadSizes.COMMANDS_PER_CLIENT,
                LoadSizes.SHARED_INTEGRATIONS,
                TimeUnit.NANOSECONDS.toMillis(loaded - start),
                ledger.exchanges().size(),
                statuses,
                ledger.retries.get(),
                ledger.acknowledgedCount(),
                ledger.unchanged.get(),
                stream.events(),
                stream.integrations().size(),
                ledger.serverErrors(),
                caughtUp.toMillis());

        assertThat(statuses.keySet()).as("statuses answered").isSubsetOf(200, 201, 409, 412);
        assertThat(ledger.acknowledgedTwice)
                .as("one version acknowledged to two commands")
                .isEmpty();
        assertThat(ledger.changesWithoutAVersion)
                .as("2xx answers that skipped or reused a version")
                .isEmpty();
        assertThat(ledger.retries.get())
                .as("commands that met a concurrent change")
                .isPositive();
        stream.assertHoldsEveryAcknowledgedChangeOnce(ledger);
        assertThat(stream.events()).as("events stored = changes acknowledged").isEqualTo(ledger.acknowledgedCount());
        assertThat(ledger.acknowledged().values().stream()
                        .flatMap(versions -> versions.values().stream())
                        .filter(effect -> effect.name() != null)
                        .map(Effect::name))
                .doesNotHaveDuplicates();
    }
}
