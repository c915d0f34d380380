package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The connection test trail contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ConnectionTestTrailOnMongo7Test extends ConnectionTestTrailContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
