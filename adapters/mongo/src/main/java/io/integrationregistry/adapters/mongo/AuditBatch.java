package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.integrationregistry.application.audit.AuditEntries;
import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.integrationregistry.adapters.mongo.AuditDocuments.ID;
import static io.integrationregistry.adapters.mongo.AuditDocuments.VERSION;

/**
 * A batch of events written into the audit trail: the subjects of the batch's integrations read in one query,
 * each event's entry computed on the subject as the events before it in the batch leave it, then the entries
 * written in one unordered bulk insert (keyed by the event's id: an entry already there is the same entry) and
 * after them each subject advanced in a second one, under a version guard. As with one event at a time, a
 * batch interrupted between the two writes is repaired by its next delivery, which computes the very same
 * entries again from the subjects that were not advanced.
 */
final class AuditBatch {

    private AuditBatch() {}

    /** Where the batch leaves one integration's subject. */
    private static final class Subject {
        long version;
        AuditSubject state;
        boolean advanced;

        Subject(long version, AuditSubject state) {
            this.version = version;
            this.state = state;
        }
    }

    static void write(
            MongoCollection<Document> entries, MongoCollection<Document> subjects, List<RecordedEvent> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(recorded -> ids.add(recorded.event().integrationId().value()));
        Map<String, Subject> stored = new LinkedHashMap<>();
        for (Document subject : subjects.find(Filters.in(ID, ids))) {
            stored.put(
                    subject.getString(ID),
                    new Subject(((Number) subject.get(VERSION)).longValue(), AuditDocuments.subject(subject)));
        }
        List<WriteModel<Document>> newEntries = new ArrayList<>(events.size());
        for (RecordedEvent recorded : events) {
            Subject subject =
                    stored.computeIfAbsent(recorded.event().integrationId().value(), id -> new Subject(-1, null));
            if (subject.version >= recorded.sequence()) {
                continue;
            }
            AuditEntries.Step step = AuditEntries.next(subject.state, recorded);
            Document entry = AuditDocuments.entry(step.entry());
            entry.put(ID, recorded.eventId());
            newEntries.add(new InsertOneModel<>(entry));
            subject.version = recorded.sequence();
            subject.state = step.after();
            subject.advanced = true;
        }
        List<WriteModel<Document>> advanced = new ArrayList<>();
        stored.forEach((id, subject) -> {
            if (subject.advanced) {
                advanced.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq(ID, id), Filters.lt(VERSION, subject.version)),
                        new Document("$set", AuditDocuments.subject(subject.state, subject.version)),
                        new UpdateOptions().upsert(true)));
            }
        });
        BulkWrites.unordered(entries, newEntries);
        BulkWrites.unordered(subjects, advanced);
    }
}
