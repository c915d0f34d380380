package io.integrationregistry.bootstrap;

import fixtures.mongo.EmbeddedMongo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The scale-out scenarios on the embedded MongoDB-wire server (H2 backend), shared over TCP by both instances. */
class ScaleOutTest extends ScaleOutScenarios {

    @TempDir
    static Path data;

    private EmbeddedMongo mongo;

    @Override
    String startMongo() {
        mongo = new EmbeddedMongo(data, "registry");
        return mongo.uri();
    }

    @Override
    void stopMongo() {
        if (mongo != null) {
            mongo.close();
        }
    }
}
