package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The audit trail contract on the embedded MongoDB-wire server with its H2 file backend. */
class AuditTrailOnEmbeddedMongoTest extends AuditTrailContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
