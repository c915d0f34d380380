package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The OAuth 2.0 states contract on the embedded MongoDB-wire server with its H2 file backend. */
class AuthorizationStatesOnEmbeddedMongoTest extends AuthorizationStatesContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
