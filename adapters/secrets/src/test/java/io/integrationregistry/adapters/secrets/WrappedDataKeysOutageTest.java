package io.integrationregistry.adapters.secrets;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.integrationregistry.application.shared.StorageUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.ServerSocket;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With the database away, the wrapped data keys report StorageUnavailable, never the driver's exceptions. */
class WrappedDataKeysOutageTest {

    private MongoClient client;
    private MongoWrappedDataKeys keys;

    @BeforeEach
    void aDatabaseThatIsAway() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        client = MongoClients.create(
                "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=200&connectTimeoutMS=200");
        keys = new MongoWrappedDataKeys(new MongoTemplate(client, "absent"));
    }

    @AfterEach
    void closeTheClient() {
        client.close();
    }

    @Test
    void everyCallWhileTheDatabaseIsAwayThrowsStorageUnavailable() {
        WrappedDataKey key = new WrappedDataKey("an-integration", new byte[] {1}, "primary", Instant.now(), null, 0);

        assertThatThrownBy(() -> keys.find("an-integration"))
                .isInstanceOf(StorageUnavailable.class)
                .hasRootCauseInstanceOf(MongoTimeoutException.class);
        assertThatThrownBy(() -> keys.insertIfAbsent(key)).isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> keys.rewrap(key, new byte[] {2}, "primary", Instant.now()))
                .isInstanceOf(StorageUnavailable.class);
        assertThatThrownBy(() -> keys.forEach(found -> {})).isInstanceOf(StorageUnavailable.class);
    }
}
