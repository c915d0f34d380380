package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The OAuth 2.0 connections contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ConnectionsOnMongo7Test extends ConnectionsContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
