package io.integrationregistry.adapters.mongo;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.file.Path;

/** The audit trail contract on the embedded MongoDB-wire server with its H2 file backend. */
class AuditTrailOnEmbeddedMongoTest extends AuditTrailContract {

    @TempDir
    static Path folder;
    private static EmbeddedMongo server;

    @BeforeAll
    static void start() {
        server = new EmbeddedMongo(folder);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    MongoTemplate template() {
        return server.template();
    }
}
