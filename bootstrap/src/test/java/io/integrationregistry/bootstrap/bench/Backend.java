package io.integrationregistry.bootstrap.bench;

import fixtures.keys.TestKeys;

import java.nio.file.Path;
import java.util.List;

/** Where the service under test keeps its data: its own embedded default, or a MongoDB given by URI. */
sealed interface Backend {

    /** The name printed on each line. */
    String name();

    /** The service's properties that select this backend. */
    List<String> properties();

    /** The service's embedded default (mongo-java-server, H2 file backend) with its data in a fresh folder. */
    record Embedded(Path dataFolder) implements Backend {

        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public List<String> properties() {
            return List.of("registry.embedded-mongo.path=" + dataFolder);
        }
    }

    /** A MongoDB given by URI, in a database of its own that is dropped at the end. */
    record External(String uri, String database, String keyset) implements Backend {

        static External of(String uri) {
            return new External(uri, "registry_bench_" + System.currentTimeMillis(), freshKeyset());
        }

        @Override
        public String name() {
            return "mongodb";
        }

        @Override
        public List<String> properties() {
            return List.of(
                    "spring.data.mongodb.uri=" + uri,
                    "spring.data.mongodb.database=" + database,
                    "registry.secrets.keyset=" + keyset);
        }

        private static String freshKeyset() {
            return TestKeys.keysetJson();
        }
    }
}
