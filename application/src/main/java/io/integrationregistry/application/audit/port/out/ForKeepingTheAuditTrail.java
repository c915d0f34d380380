package io.integrationregistry.application.audit.port.out;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationId;

import java.util.OptionalLong;

/**
 * The audit trail read model, as the event stream feeds it: one entry per event, built with
 * {@link io.integrationregistry.application.audit.AuditEntries}. Applying an event twice changes nothing.
 */
public interface ForKeepingTheAuditTrail extends ForRebuildingAReadModel {

    /** An event, as the served model's feed delivers it: into the served model only. */
    void apply(RecordedEvent event);

    /**
     * The sequence number of the integration's last event the served model applied; empty when it has none. An
     * event whose sequence number is more than one past it would leave a gap: the events in between come first.
     */
    OptionalLong appliedVersion(IntegrationId id);
}
