package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The positioned store contract on the embedded MongoDB-wire server with its H2 file backend. */
class PositionedStoreOnEmbeddedMongoTest extends PositionedStoreContract {

    @TempDir
    static Path folder;

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void start() {
        server = new MongoServer(new H2Backend(folder.resolve("events.mv.db").toString()));
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @Override
    MongoClient client() {
        return client;
    }
}
