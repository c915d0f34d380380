package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The audit trail replay contract on the embedded MongoDB-wire server with its H2 file backend. */
class AuditTrailReplayOnEmbeddedMongoTest extends AuditTrailReplayContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
