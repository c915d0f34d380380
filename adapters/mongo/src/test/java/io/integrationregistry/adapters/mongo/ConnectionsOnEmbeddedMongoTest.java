package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The OAuth 2.0 connections contract on the embedded MongoDB-wire server with its H2 file backend. */
class ConnectionsOnEmbeddedMongoTest extends ConnectionsContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
