package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The name reservations contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class NameReservationsOnMongo7Test extends NameReservationsContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
