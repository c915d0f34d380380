package io.integrationregistry.adapters.mongo;

import org.springframework.data.mongodb.core.MongoTemplate;

/** The audit trail paging contract on the embedded MongoDB-wire server with its H2 file backend. */
class AuditTrailPagingOnEmbeddedMongoTest extends AuditTrailPagingContract {

    @Override
    MongoTemplate template() {
        return TestServers.embedded();
    }
}
