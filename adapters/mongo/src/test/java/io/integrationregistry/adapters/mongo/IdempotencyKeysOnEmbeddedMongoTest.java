package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The idempotency keys contract on the embedded MongoDB-wire server with its H2 file backend. */
class IdempotencyKeysOnEmbeddedMongoTest extends IdempotencyKeysContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
