package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The integration list contract on the embedded MongoDB-wire server with its H2 file backend. */
class IntegrationListOnEmbeddedMongoTest extends IntegrationListContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
