package io.integrationregistry.adapters.mongo;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.mongodb.core.MongoTemplate;

/** An empty audit trail on the server under test, before each test of the audit trail contracts. */
abstract class AuditTrailFixture {

    MongoTemplate mongo;
    MongoAuditTrail trail;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollections() {
        mongo = template();
        mongo.dropCollection(MongoAuditTrail.ENTRIES);
        mongo.dropCollection(MongoAuditTrail.SUBJECTS);
        trail = new MongoAuditTrail(mongo);
        trail.ensureIndexes();
    }
}
