package io.integrationregistry.adapters.rest;

import io.integrationregistry.application.audit.AuditEntry;
import io.integrationregistry.application.audit.AuditEntryType;
import io.integrationregistry.application.audit.FieldChange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit entry as the API shows it: each change as {@code {"field", "before", "after"}}, and a
 * changed secret only as {@code {"field", "changed": true}}.
 */
record AuditEntryResource(String eventId, String integrationId, String integrationName, String company,
                          AuditEntryType type, String actor, Instant at, String requestId, String source,
                          long version, List<Map<String, Object>> changes) {

    static AuditEntryResource of(AuditEntry entry) {
        return new AuditEntryResource(entry.eventId(), entry.integrationId(), entry.integrationName(),
                entry.company(), entry.type(), entry.actor(), entry.at(), entry.requestId(), entry.source(),
                entry.version(), entry.changes().stream().map(AuditEntryResource::change).toList());
    }

    private static Map<String, Object> change(FieldChange change) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("field", change.field());
        if (change.secret()) {
            shown.put("changed", true);
        } else {
            shown.put("before", change.before());
            shown.put("after", change.after());
        }
        return shown;
    }
}
