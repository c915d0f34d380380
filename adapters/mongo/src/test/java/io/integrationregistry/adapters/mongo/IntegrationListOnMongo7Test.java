package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The integration list contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class IntegrationListOnMongo7Test extends IntegrationListContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
