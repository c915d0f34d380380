package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The connection test trail contract on the embedded MongoDB-wire server with its H2 file backend. */
class ConnectionTestTrailOnEmbeddedMongoTest extends ConnectionTestTrailContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
