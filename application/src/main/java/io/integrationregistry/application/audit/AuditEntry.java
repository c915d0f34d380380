package io.integrationregistry.application.audit;

import java.time.Instant;
import java.util.List;

/** One entry of the audit trail: one event, who caused it, when, in which request, and what changed. */
public record AuditEntry(String eventId, String integrationId, String integrationName, String company,
                         AuditEntryType type, String actor, Instant at, String requestId, String source,
                         long version, List<FieldChange> changes) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }
}
