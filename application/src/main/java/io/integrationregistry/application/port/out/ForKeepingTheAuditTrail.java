package io.integrationregistry.application.port.out;

/**
 * The audit trail read model, as the event stream feeds it: one entry per event, built with
 * {@link io.integrationregistry.application.audit.AuditEntries}. Applying an event twice changes nothing.
 */
public interface ForKeepingTheAuditTrail extends ForRebuildingAReadModel {

    /** An event, as the served model's feed delivers it: into the served model only. */
    void apply(RecordedEvent event);
}
