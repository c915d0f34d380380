package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.keys;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service needs of its users' OAuth 2.0 connections: one per integration and user, kept
 * exactly, sealed, and replaced on refresh only at the revision the refresh started from. The same
 * contract runs against every server the service supports.
 */
abstract class ConnectionsContract {

    /** Nanoseconds on purpose: the connections come back exactly as they were saved. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    private static final SealedSecret ACCESS = new SealedSecret("key-1", "c2VhbGVkLWFjY2Vzcw==", "wxyz");
    private static final int RACERS = 16;
    private static final SealedSecret REFRESH = new SealedSecret("key-1", "c2VhbGVkLXJlZnJlc2g=", null);

    private MongoTemplate mongo;
    private MongoConnections connections;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        mongo = template();
        mongo.dropCollection(MongoConnections.COLLECTION);
        connections = new MongoConnections(mongo);
        connections.ensureIndexes();
    }

    @Test
    void given_a_connection_with_refresh_token_and_expiry_when_saved_then_it_is_found_exactly() {
        StoredConnection connection = full(new ConnectionKey(newId(), "alice"), 0);

        connections.save(connection);

        assertThat(connections.find(connection.key())).contains(connection);
    }

    @Test
    void given_a_connection_without_refresh_token_or_expiry_when_saved_then_it_is_found_exactly() {
        StoredConnection connection = new StoredConnection(
                new ConnectionKey(newId(), "alice"),
                ACCESS,
                Optional.empty(),
                Optional.empty(),
                true,
                "fp-1",
                T0,
                T0.plusNanos(1),
                7);

        connections.save(connection);

        assertThat(connections.find(connection.key())).contains(connection);
        Document stored =
                mongo.findById(MongoConnections.idOf(connection.key()), Document.class, MongoConnections.COLLECTION);
        assertThat(stored).doesNotContainKeys("refreshToken", "expiresAt", "expiresAtNanos", "grantedScope");
    }

    @Test
    void given_instants_before_the_epoch_and_a_user_with_a_line_feed_then_they_are_kept_exactly() {
        Instant before = Instant.parse("1969-12-31T23:59:59.999999999Z");
        StoredConnection connection = new StoredConnection(
                new ConnectionKey(newId(), "al\nice"),
                ACCESS,
                Optional.of(REFRESH),
                Optional.of(before),
                false,
                "fp-1",
                before,
                before.minusNanos(1),
                0);

        connections.save(connection);

        assertThat(connections.find(connection.key())).contains(connection);
    }

    @Test
    void theGrantedScopeIsStoredAsItIsAndKeptByAReplace() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 0));
        StoredConnection narrowed = new StoredConnection(
                key,
                ACCESS,
                Optional.of(REFRESH),
                Optional.empty(),
                false,
                "fp-1",
                T0,
                T0.plusSeconds(1),
                1,
                Optional.of("documents"));

        Document stored = mongo.findById(MongoConnections.idOf(key), Document.class, MongoConnections.COLLECTION);
        assertThat(connections.replace(0, narrowed)).isTrue();

        assertThat(stored.getString(MongoConnections.GRANTED_SCOPE)).isEqualTo("documents openid");
        assertThat(connections.find(key).orElseThrow().grantedScope()).contains("documents");
    }

    @Test
    void given_no_connection_then_none_is_found() {
        assertThat(connections.find(new ConnectionKey(newId(), "alice"))).isEmpty();
    }

    @Test
    void given_a_saved_connection_then_only_its_sealed_secrets_are_stored() {
        StoredConnection connection = full(new ConnectionKey(newId(), "alice"), 0);

        connections.save(connection);

        Document stored =
                mongo.findById(MongoConnections.idOf(connection.key()), Document.class, MongoConnections.COLLECTION);
        assertThat(stored.get("accessToken", Document.class))
                .isEqualTo(new Document("keyId", "key-1")
                        .append("ciphertext", "c2VhbGVkLWFjY2Vzcw==")
                        .append("last4", "wxyz"));
        assertThat(stored.get("refreshToken", Document.class))
                .isEqualTo(new Document("keyId", "key-1").append("ciphertext", "c2VhbGVkLXJlZnJlc2g="));
        assertThat(stored.getString("integrationId"))
                .isEqualTo(connection.key().integration().value());
    }

    @Test
    void given_a_saved_connection_when_saved_again_then_the_new_one_replaces_it_whatever_its_revision() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 5));
        StoredConnection again = new StoredConnection(
                key,
                REFRESH,
                Optional.empty(),
                Optional.empty(),
                false,
                "fp-2",
                T0.plusSeconds(60),
                T0.plusSeconds(60),
                0);

        connections.save(again);

        assertThat(connections.find(key)).contains(again);
        assertThat(mongo.getCollection(MongoConnections.COLLECTION).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void given_a_connection_at_a_revision_then_replacing_it_at_that_revision_succeeds() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 3));
        StoredConnection refreshed = full(key, 4, T0.plusSeconds(3600));

        assertThat(connections.replace(3, refreshed)).isTrue();

        assertThat(connections.find(key)).contains(refreshed);
    }

    @Test
    void given_a_connection_at_a_revision_then_replacing_it_at_a_stale_revision_fails_and_changes_nothing() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        StoredConnection current = full(key, 4);
        connections.save(current);

        assertThat(connections.replace(3, full(key, 4, T0.plusSeconds(3600)))).isFalse();
        assertThat(connections.replace(5, full(key, 6, T0.plusSeconds(3600)))).isFalse();

        assertThat(connections.find(key)).contains(current);
    }

    @Test
    void given_two_refreshes_from_the_same_revision_then_only_the_first_is_stored() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 0));
        StoredConnection first = full(key, 1, T0.plusSeconds(60));

        assertThat(connections.replace(0, first)).isTrue();
        assertThat(connections.replace(0, full(key, 1, T0.plusSeconds(61)))).isFalse();

        assertThat(connections.find(key)).contains(first);
    }

    @Test
    void given_16_concurrent_refreshes_from_the_same_revision_then_exactly_one_is_stored() throws Exception {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 0));
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<StoredConnection> refreshes = new ArrayList<>();
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                StoredConnection refreshed = full(key, 1, T0.plusSeconds(i + 1));
                refreshes.add(refreshed);
                outcomes.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    return connections.replace(0, refreshed);
                }));
            }
            start.countDown();
            List<StoredConnection> winners = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                if (outcomes.get(i).get()) {
                    winners.add(refreshes.get(i));
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(connections.find(key)).contains(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void given_no_connection_then_replacing_it_fails_and_stores_nothing() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");

        assertThat(connections.replace(0, full(key, 1))).isFalse();

        assertThat(connections.find(key)).isEmpty();
        assertThat(mongo.getCollection(MongoConnections.COLLECTION).countDocuments())
                .isZero();
    }

    @Test
    void given_a_connection_when_deleted_then_it_is_gone_and_deleting_it_again_is_harmless() {
        ConnectionKey key = new ConnectionKey(newId(), "alice");
        connections.save(full(key, 0));

        connections.delete(key);
        connections.delete(key);

        assertThat(connections.find(key)).isEmpty();
        assertThat(connections.replace(0, full(key, 1))).isFalse();
    }

    @Test
    void given_connections_of_two_users_and_two_integrations_then_each_is_kept_changed_and_deleted_alone() {
        IntegrationId docs = newId();
        IntegrationId maps = newId();
        StoredConnection aliceDocs = full(new ConnectionKey(docs, "alice"), 0);
        StoredConnection bobDocs = full(new ConnectionKey(docs, "bob"), 0, T0.plusSeconds(1));
        StoredConnection aliceMaps = full(new ConnectionKey(maps, "alice"), 0, T0.plusSeconds(2));
        connections.save(aliceDocs);
        connections.save(bobDocs);
        connections.save(aliceMaps);

        StoredConnection aliceDocsRefreshed = full(aliceDocs.key(), 1, T0.plusSeconds(3));
        assertThat(connections.replace(0, aliceDocsRefreshed)).isTrue();
        connections.delete(aliceMaps.key());

        assertThat(connections.find(aliceDocs.key())).contains(aliceDocsRefreshed);
        assertThat(connections.find(bobDocs.key())).contains(bobDocs);
        assertThat(connections.find(aliceMaps.key())).isEmpty();
        assertThat(connections.find(new ConnectionKey(maps, "bob"))).isEmpty();
    }

    @Test
    void given_connections_of_two_integrations_when_all_of_one_are_deleted_then_only_the_other_ones_remain() {
        IntegrationId docs = newId();
        IntegrationId maps = newId();
        StoredConnection aliceDocs = full(new ConnectionKey(docs, "alice"), 0);
        StoredConnection bobDocs = full(new ConnectionKey(docs, "bob"), 0, T0.plusSeconds(1));
        StoredConnection aliceMaps = full(new ConnectionKey(maps, "alice"), 0, T0.plusSeconds(2));
        connections.save(aliceDocs);
        connections.save(bobDocs);
        connections.save(aliceMaps);

        assertThat(connections.deleteAllOf(docs)).isEqualTo(2);
        assertThat(connections.deleteAllOf(docs)).isZero();

        assertThat(connections.find(aliceDocs.key())).isEmpty();
        assertThat(connections.find(bobDocs.key())).isEmpty();
        assertThat(connections.find(aliceMaps.key())).contains(aliceMaps);
    }

    @Test
    void given_indexes_ensured_twice_then_the_connections_are_indexed_by_integration_once() {
        connections.ensureIndexes();

        assertThat(indexKeys(mongo, MongoConnections.COLLECTION))
                .containsExactlyInAnyOrder(keys("_id"), keys("integrationId"));
    }

    private static StoredConnection full(ConnectionKey key, long revision) {
        return full(key, revision, T0);
    }

    private static StoredConnection full(ConnectionKey key, long revision, Instant updatedAt) {
        return new StoredConnection(
                key,
                ACCESS,
                Optional.of(REFRESH),
                Optional.of(updatedAt.plusSeconds(3600)),
                false,
                "fp-1",
                T0,
                updatedAt,
                revision,
                Optional.of("documents openid"));
    }
}
