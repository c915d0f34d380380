package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The audit trail replay contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class AuditTrailReplayOnMongo7Test extends AuditTrailReplayContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
