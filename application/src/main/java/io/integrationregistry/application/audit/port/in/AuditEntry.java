package io.integrationregistry.application.audit.port.in;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the audit trail: one event, who caused it, when, in which request, and what changed; or one
 * connection test ({@link AuditEntryType#TESTED}), with its {@link TestedConnection} and no change and no
 * version (0).
 */
public record AuditEntry(
        String eventId,
        String integrationId,
        String integrationName,
        String company,
        AuditEntryType type,
        String actor,
        Instant at,
        String requestId,
        String source,
        long version,
        List<FieldChange> changes,
        TestedConnection test) {

    public AuditEntry {
        changes = List.copyOf(changes);
    }

    /** An entry of an event. */
    public AuditEntry(
            String eventId,
            String integrationId,
            String integrationName,
            String company,
            AuditEntryType type,
            String actor,
            Instant at,
            String requestId,
            String source,
            long version,
            List<FieldChange> changes) {
        this(
                eventId,
                integrationId,
                integrationName,
                company,
                type,
                actor,
                at,
                requestId,
                source,
                version,
                changes,
                null);
    }

    /**
     * How a connection test went: the origins the service called (scheme, host and port only), in order, its
     * outcome ({@code PASSED}, {@code FAILED} or {@code REFUSED}) and one human sentence; never a secret.
     */
    public record TestedConnection(List<String> origins, String outcome, String summary) {

        public TestedConnection {
            origins = List.copyOf(origins);
        }
    }
}
