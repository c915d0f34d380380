package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import fixtures.mongo.EmbeddedMongo;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.containers.MongoDBContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * The servers the storage contracts run against, each started once for the whole test run: the
 * embedded MongoDB-wire server on its H2 file backend, and a real MongoDB 7 (only where Docker runs;
 * the classes that use it are skipped otherwise).
 */
final class TestServers {

    private static EmbeddedMongo embedded;
    private static MongoClient mongo7;

    private TestServers() {}

    static synchronized MongoTemplate embedded() {
        if (embedded == null) {
            try {
                embedded = new EmbeddedMongo(Files.createTempDirectory("mongo-contract"), "contract");
            } catch (IOException unwritable) {
                throw new UncheckedIOException(unwritable);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        }
        return embedded.template();
    }

    static synchronized MongoTemplate mongo7() {
        if (mongo7 == null) {
            MongoDBContainer container = new MongoDBContainer("mongo:7");
            container.start();
            mongo7 = MongoClients.create(container.getConnectionString());
        }
        return new MongoTemplate(mongo7, "contract");
    }
}
