package io.integrationregistry.application.port.out;

/**
 * The audit trail read model, as the event stream feeds it: one entry per event, built with
 * {@link io.integrationregistry.application.audit.AuditEntries}. Applying an event twice changes nothing.
 */
public interface ForKeepingTheAuditTrail {

    void apply(RecordedEvent event);

    /** Forgets everything, before a rebuild from the first event. */
    void reset();
}
