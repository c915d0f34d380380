package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;

/** The read model contract on the embedded MongoDB-wire server with its H2 file backend. */
class ReadModelOnEmbeddedMongoTest extends ReadModelContract {

    @TempDir
    static Path folder;
    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(new H2Backend(folder.resolve("read-models.mv.db").toString()));
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @Override
    MongoTemplate template() {
        return new MongoTemplate(client, "read_model_contract");
    }
}
