package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.audit.AuditEntries;
import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import org.bson.Document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail's documents for whole histories of integrations it has never seen, as {@link AuditBatch} writes
 * them (the same entries, keyed by the event's id, and each integration's subject at its last event), computed
 * without a database: for the benchmarks, which store large seeded histories straight into the collections.
 */
public final class SeededAuditTrail {

    private SeededAuditTrail() {}

    /** Adds the events' entries to {@code entries} and their integrations' subjects to {@code subjects}. */
    public static void of(List<RecordedEvent> events, List<Document> entries, List<Document> subjects) {
        Map<String, AuditSubject> states = new LinkedHashMap<>();
        Map<String, Long> versions = new LinkedHashMap<>();
        for (RecordedEvent recorded : events) {
            String id = recorded.event().integrationId().value();
            AuditEntries.Step step = AuditEntries.next(states.get(id), recorded);
            Document entry = AuditDocuments.entry(step.entry());
            entry.put(AuditDocuments.ID, recorded.eventId());
            entries.add(entry);
            states.put(id, step.after());
            versions.put(id, recorded.sequence());
        }
        states.forEach((id, state) -> {
            Document subject = new Document(AuditDocuments.ID, id);
            subject.putAll(AuditDocuments.subject(state, versions.get(id)));
            subjects.add(subject);
        });
    }
}
