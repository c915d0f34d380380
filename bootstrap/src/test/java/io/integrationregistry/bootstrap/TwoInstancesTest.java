package io.integrationregistry.bootstrap;

import fixtures.keys.TestKeys;
import fixtures.mongo.EmbeddedMongo;
import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoServer;
import io.integrationregistry.application.integrations.NameAlreadyTaken;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationregistry.bootstrap.RunningRegistry.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

/** Two service instances on one MongoDB: concurrent commands end in one success each, never a lost event. */
class TwoInstancesTest {

    @TempDir
    static Path data;

    private static EmbeddedMongo mongo;
    private static RunningRegistry one;
    private static RunningRegistry two;

    @BeforeAll
    static void start() {
        mongo = new EmbeddedMongo(data, "registry");
        String uri = mongo.uri();
        String keyset = "registry.secrets.keyset=" + TestKeys.keysetJson();
        one = RunningRegistry.start("spring.data.mongodb.uri=" + uri, keyset);
        two = RunningRegistry.start("spring.data.mongodb.uri=" + uri, keyset);
    }

    @AfterAll
    static void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        mongo.close();
    }

    @Test
    void given_a_configured_mongodb_uri_then_nothing_embedded_is_started() {
        assertThat(one.has(EmbeddedMongoServer.class)).isFalse();
    }

    @Test
    void given_two_instances_when_both_change_one_integration_from_the_same_version_then_exactly_one_succeeds()
            throws Exception {
        Receipt added =
                one.management().add(ADMIN, RunningRegistry.apiKeyDraft("Race", "race-api-key-0123456789"), true);

        List<Boolean> outcomes = race(8, instance -> () -> {
            instance.management().deactivate(ADMIN, added.integrationId(), ExpectedVersion.of(0));
            return true;
        });

        assertThat(outcomes.stream().filter(succeeded -> succeeded)).hasSize(1);
        assertThat(two.store().load(added.integrationId()).orElseThrow().version())
                .isEqualTo(1);
    }

    @Test
    void given_two_instances_when_both_edit_one_integration_at_once_then_every_acknowledged_edit_is_in_the_stream()
            throws Exception {
        Receipt added =
                one.management().add(ADMIN, RunningRegistry.apiKeyDraft("Busy", "busy-api-key-0123456789"), true);
        IntegrationId id = added.integrationId();
        int[] next = {0};

        List<Boolean> outcomes = race(8, instance -> {
            String name = "Busy " + next[0]++;
            return () -> {
                instance.management()
                        .edit(
                                ADMIN,
                                id,
                                RunningRegistry.apiKeyDraft(name, "busy-api-key-0123456789"),
                                ExpectedVersion.ANY);
                return true;
            };
        });

        long acknowledged = outcomes.stream().filter(succeeded -> succeeded).count();
        assertThat(acknowledged).isPositive();
        assertThat(one.store().load(id).orElseThrow().version()).isEqualTo(acknowledged);
        assertThat(two.awaitListed(id, acknowledged).version()).isEqualTo(acknowledged);
    }

    @Test
    void given_two_instances_when_both_add_the_same_name_at_once_then_exactly_one_integration_gets_it()
            throws Exception {
        List<Boolean> outcomes = race(8, instance -> () -> {
            try {
                instance.management()
                        .add(ADMIN, RunningRegistry.apiKeyDraft(" Shared NAME ", "shared-api-key-0123456789"), true);
                return true;
            } catch (NameAlreadyTaken taken) {
                return false;
            }
        });

        assertThat(outcomes.stream().filter(succeeded -> succeeded)).hasSize(1);
    }

    /** Runs the same action on both instances at once; answers true per success, false per conflict. */
    private static List<Boolean> race(
            int racers, java.util.function.Function<RunningRegistry, Callable<Boolean>> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Boolean> attempt = action.apply(i % 2 == 0 ? one : two);
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return attempt.call();
                } catch (ConcurrentModification conflict) {
                    return false;
                }
            }));
        }
        start.countDown();
        List<Boolean> outcomes = new ArrayList<>();
        for (Future<Boolean> future : futures) {
            outcomes.add(future.get());
        }
        pool.shutdown();
        return outcomes;
    }
}
