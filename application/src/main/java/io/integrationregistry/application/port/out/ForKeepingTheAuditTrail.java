package io.integrationregistry.application.port.out;

/**
 * The audit trail read model, as the event stream feeds it: one entry per event, built with
 * {@link io.integrationregistry.application.audit.AuditEntries}. Applying an event twice changes nothing.
 */
public interface ForKeepingTheAuditTrail extends ForRebuildingAReadModel {

    /** An event: into the served model, and into the one being rebuilt while a rebuild runs. */
    void apply(RecordedEvent event);
}
