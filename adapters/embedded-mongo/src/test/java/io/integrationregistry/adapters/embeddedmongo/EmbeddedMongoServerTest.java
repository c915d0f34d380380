package io.integrationregistry.adapters.embeddedmongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's data file holds every acknowledged write at once, not a second later. */
class EmbeddedMongoServerTest {

    @TempDir
    Path folder;

    @Test
    void given_an_acknowledged_insert_when_the_file_is_read_before_any_shutdown_then_the_document_is_in_it()
            throws Exception {
        EmbeddedMongoServer server = new EmbeddedMongoServer(folder.resolve("live"), 0);
        try (MongoClient client = MongoClients.create(server.connectionString("registry"))) {
            client.getDatabase("registry").getCollection("probe").insertOne(new Document("_id", "acknowledged"));

            // A copy of the file as it is now, as a process killed at this moment would leave it.
            Path crashed = Files.createDirectories(folder.resolve("crashed")).resolve(EmbeddedMongoServer.DATA_FILE);
            Files.copy(folder.resolve("live").resolve(EmbeddedMongoServer.DATA_FILE), crashed);

            MongoServer reopened = new MongoServer(new H2Backend(crashed.toString()));
            try (MongoClient reader = MongoClients.create(reopened.bindAndGetConnectionString())) {
                assertThat(reader.getDatabase("registry")
                                .getCollection("probe")
                                .find()
                                .first())
                        .isEqualTo(new Document("_id", "acknowledged"));
            } finally {
                reopened.shutdownNow();
            }
        } finally {
            server.close();
        }
    }
}
