package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The reserved integration ids' contract on the embedded MongoDB-wire server with its H2 file backend. */
class IdReservationsOnEmbeddedMongoTest extends IdReservationsContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
