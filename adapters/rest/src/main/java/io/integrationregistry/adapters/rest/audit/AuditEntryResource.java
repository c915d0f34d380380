package io.integrationregistry.adapters.rest.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.FieldChange;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit entry as the API shows it: each change as {@code {"field", "before", "after"}}, and a
 * changed secret only as {@code {"field", "changed": true}}. A connection test ({@code TESTED}) has no
 * version and no change, but a {@code test}: {@code {"origins": […], "outcome", "summary"}}; the
 * {@code integrationId} of a test of values typed for a new integration is null.
 */
record AuditEntryResource(
        String eventId,
        String integrationId,
        String integrationName,
        String company,
        AuditEntryType type,
        String actor,
        Instant at,
        String requestId,
        String source,
        Long version,
        List<Map<String, Object>> changes,
        @JsonInclude(JsonInclude.Include.NON_NULL) AuditEntry.TestedConnection test) {

    static AuditEntryResource of(AuditEntry entry) {
        boolean test = entry.type() == AuditEntryType.TESTED;
        return new AuditEntryResource(
                entry.eventId(),
                entry.integrationId(),
                entry.integrationName(),
                entry.company(),
                entry.type(),
                entry.actor(),
                entry.at(),
                entry.requestId(),
                entry.source(),
                test ? null : entry.version(),
                entry.changes().stream().map(AuditEntryResource::change).toList(),
                entry.test());
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
