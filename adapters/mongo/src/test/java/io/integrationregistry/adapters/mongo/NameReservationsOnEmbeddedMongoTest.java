package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The name reservations contract on the embedded MongoDB-wire server with its H2 file backend. */
class NameReservationsOnEmbeddedMongoTest extends NameReservationsContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
