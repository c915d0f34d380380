package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The provider-call log contract on a real MongoDB 7; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ProviderCallLogOnMongo7Test extends ProviderCallLogContract {

    @Override
    MongoTemplate template() {
        return TestServers.mongo7();
    }
}
