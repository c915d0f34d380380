package io.integrationregistry.bootstrap;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The scale-out scenarios on the embedded MongoDB-wire server (H2 backend), shared over TCP by both instances. */
class ScaleOutTest extends ScaleOutScenarios {

    @TempDir
    static Path data;
    private MongoServer mongo;

    @Override
    String startMongo() {
        mongo = new MongoServer(new H2Backend(data.resolve("scale-out.mv.db").toString()));
        return mongo.bindAndGetConnectionString() + "/registry";
    }

    @Override
    void stopMongo() {
        if (mongo != null) {
            mongo.shutdown();
        }
    }
}
