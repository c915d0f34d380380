package io.integrationregistry.adapters.secrets;

import fixtures.mongo.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrapped data keys on the embedded MongoDB-wire server: first insert wins, re-wrap is a compare-and-set. */
class MongoWrappedDataKeysTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123Z");
    private static final Instant T1 = Instant.parse("2026-11-02T08:00:00.456Z");

    @TempDir
    static Path folder;

    private static EmbeddedMongo server;

    private MongoWrappedDataKeys store;

    @BeforeAll
    static void startServer() {
        server = new EmbeddedMongo(folder, "secrets");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyCollection() {
        server.template().dropCollection(MongoWrappedDataKeys.COLLECTION);
        store = new MongoWrappedDataKeys(server.template());
    }

    @Test
    void givenAStoredDataKey_whenAnotherIsInsertedForTheSameIntegration_thenTheFirstStays() {
        WrappedDataKey first = new WrappedDataKey("i-1", new byte[] {1, 2, 3}, "k1", T0, null, 0);

        assertThat(store.insertIfAbsent(first)).isTrue();
        assertThat(store.insertIfAbsent(new WrappedDataKey("i-1", new byte[] {9}, "k1", T1, null, 0)))
                .isFalse();

        assertThat(store.find("i-1")).contains(first);
        assertThat(store.find("i-2")).isEmpty();
    }

    @Test
    void givenAStaleRead_whenRewrapping_thenNothingChanges() {
        WrappedDataKey stored = new WrappedDataKey("i-1", new byte[] {1, 2, 3}, "k1", T0, null, 0);
        store.insertIfAbsent(stored);

        assertThat(store.rewrap(stored, new byte[] {4, 5}, "k2", T1)).isTrue();
        assertThat(store.rewrap(stored, new byte[] {6}, "k3", T1))
                .as("the read is stale now")
                .isFalse();

        assertThat(store.find("i-1")).contains(new WrappedDataKey("i-1", new byte[] {4, 5}, "k2", T0, T1, 1));
    }

    @Test
    void forEach_visitsEveryDataKeyInTheOrderOfTheIntegrationIds() {
        store.insertIfAbsent(new WrappedDataKey("i-2", new byte[] {2}, "k1", T0, null, 0));
        store.insertIfAbsent(new WrappedDataKey("i-1", new byte[] {1}, "k1", T0, null, 0));
        List<String> visited = new ArrayList<>();

        store.forEach(dataKey -> visited.add(dataKey.integrationId()));

        assertThat(visited).containsExactly("i-1", "i-2");
    }
}
