package io.integrationregistry.adapters.mongo;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/**
 * Connection tests in the audit trail: one entry of type {@link AuditEntryType#TESTED} per test, beside the
 * events' entries of {@link MongoAuditTrail} and found by the same queries and exports. No event derives it,
 * so a rebuild of the trail (which rewrites the events' entries only) keeps it. The record holds origins and a
 * summary, never a secret; writing it is insert-only under the test's id, so recording one twice leaves one.
 * Recording never fails a test: an error is logged (without the record's contents) and the test goes on.
 */
public class MongoConnectionTestTrail implements ForRecordingConnectionTests {

    private static final Logger log = LoggerFactory.getLogger(MongoConnectionTestTrail.class);

    private final MongoTemplate mongo;

    public MongoConnectionTestTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void record(ConnectionTestRecord test) {
        try {
            Document entry = AuditDocuments.entry(entryOf(test));
            entry.remove(AuditDocuments.ID);
            mongo.getCollection(MongoAuditTrail.ENTRIES)
                    .updateOne(
                            Filters.eq(AuditDocuments.ID, test.id()),
                            new Document("$setOnInsert", entry),
                            new UpdateOptions().upsert(true));
        } catch (RuntimeException failed) {
            log.warn(
                    "Could not record connection test {} in the audit trail: {}",
                    test.id(),
                    failed.getClass().getSimpleName());
        }
    }

    static AuditEntry entryOf(ConnectionTestRecord test) {
        return new AuditEntry(
                test.id(),
                test.integration().map(IntegrationId::value).orElse(null),
                test.integrationName(),
                test.company().value(),
                AuditEntryType.TESTED,
                test.actor().login(),
                test.at(),
                test.requestId(),
                test.source(),
                0,
                List.of(),
                new AuditEntry.TestedConnection(test.origins(), test.outcome(), test.summary()));
    }
}
