package io.integrationregistry.bootstrap;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import fixtures.keys.TestKeys;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.IntegrationId;
import io.netty.channel.Channel;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An event-store insert held far longer than the append timeout (7 s against 2 s, one instance): the append fails
 * within the append timeout (a 503 to the client) instead of being acknowledged. The processors wait for its
 * position for the gap wait (3 s here), then void it: when the database finally carries the insert out, the
 * position is taken and the insert refused, so the change the client was told failed never takes effect behind
 * its back, and the projections, which went on meanwhile, never miss it.
 */
class SlowAppendTest {

    private static final Duration HELD = Duration.ofSeconds(7);
    private static final Caller BOB = new Caller(new Actor("bob@acme.example"), RunningRegistry.ADMIN.company());

    private volatile boolean holdEventInserts;
    private MongoServer mongo;
    private MongoClient client;
    private RunningRegistry registry;

    @BeforeEach
    void start() {
        mongo = new MongoServer(new H2Backend(new MVStore.Builder().open()) {
            @Override
            public de.bwaldvogel.mongo.bson.Document handleCommand(
                    Channel channel, String database, String command, de.bwaldvogel.mongo.bson.Document query) {
                if (holdEventInserts && command.equals("insert") && "domainevents".equals(query.get("insert"))) {
                    try {
                        Thread.sleep(HELD.toMillis());
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.handleCommand(channel, database, command, query);
            }
        });
        String uri = mongo.bindAndGetConnectionString() + "/registry";
        client = MongoClients.create(uri);
        registry = RunningRegistry.start(
                "spring.data.mongodb.uri=" + uri,
                "registry.secrets.keyset=" + TestKeys.keysetJson(),
                "registry.axon.gap-wait=PT3S");
    }

    @AfterEach
    void stop() {
        try {
            registry.close();
            client.close();
        } finally {
            mongo.shutdownNow();
        }
    }

    @Test
    void anAppendSlowerThanItsTimeoutIsRefusedAndItsLateInsertNeverTakesEffect() {
        Receipt added = registry.management()
                .add(RunningRegistry.ADMIN, RunningRegistry.apiKeyDraft("Slow store", "slow-store-api-key-0123"), true);
        IntegrationId id = added.integrationId();

        holdEventInserts = true;
        long started = System.nanoTime();
        assertThatThrownBy(() -> registry.management()
                        .edit(
                                BOB,
                                id,
                                RunningRegistry.apiKeyDraft("Slow store renamed", "slow-store-api-key-0123"),
                                ExpectedVersion.of(0)))
                .isInstanceOf(StorageUnavailable.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        holdEventInserts = false;
        MongoDatabase database = client.getDatabase("registry");
        // The position the edit took is voided after the gap wait...
        await().atMost(Duration.ofSeconds(15))
                .until(() -> database.getCollection("domainevents").countDocuments() == 2);
        // ...before the held insert is carried out, 7 s after it was sent; it is refused.
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Duration.ofNanos(System.nanoTime() - started).compareTo(HELD.plusSeconds(1)) > 0);
        assertThat(database.getCollection("domainevents").countDocuments()).isEqualTo(2);

        assertThat(registry.store().currentVersion(id)).hasValue(0);
        Receipt deactivated = registry.management().deactivate(RunningRegistry.ADMIN, id, ExpectedVersion.of(0));
        assertThat(deactivated.version()).isEqualTo(1);
        assertThat(registry.awaitListed(id, 1).name()).isEqualTo("Slow store");
        await().atMost(Duration.ofSeconds(10)).until(() -> actors(database, id).size() == 2);
        assertThat(actors(database, id)).containsExactly("alice@acme.example", "alice@acme.example");
        assertThat(database.getCollection("projection_poison").countDocuments()).isZero();
    }

    private static List<String> actors(MongoDatabase database, IntegrationId id) {
        List<String> actors = new ArrayList<>();
        database.getCollection("audit_trail")
                .find(Filters.eq("integrationId", id.value()))
                .sort(Sorts.ascending("version"))
                .forEach((Document entry) -> actors.add(entry.getString("actor")));
        return actors;
    }
}
