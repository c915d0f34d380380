package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/** An empty audit trail on the server under test, before each test of the audit trail contracts. */
abstract class AuditTrailFixture {

    MongoTemplate mongo;
    MongoAuditTrail trail;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    /** Runs a whole rebuild: the reset, the replay of {@code events} in their order, and its end. */
    void rebuild(List<RecordedEvent> events) {
        trail.requestRebuild();
        trail.replayStarted("every event");
        events.forEach(trail::applyToRebuild);
        if (!trail.caughtUp(0, 1)) {
            throw new AssertionError("the rebuild did not finish");
        }
    }

    @BeforeEach
    void emptyCollections() {
        mongo = template();
        mongo.dropCollection(MongoAuditTrail.ENTRIES);
        mongo.dropCollection(MongoAuditTrail.SUBJECTS);
        mongo.dropCollection(MongoAuditTrail.REBUILD_ENTRIES);
        mongo.dropCollection(MongoAuditTrail.REBUILD_SUBJECTS);
        mongo.dropCollection(RebuildState.COLLECTION);
        trail = new MongoAuditTrail(mongo);
        trail.ensureIndexes();
    }
}
