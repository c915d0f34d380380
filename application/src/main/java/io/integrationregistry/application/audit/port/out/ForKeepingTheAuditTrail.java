package io.integrationregistry.application.audit.port.out;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationId;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Several events in the order the served model's feed delivered them, written together: the same model as
     * {@link #apply} of each in turn, and as safe to repeat in whole or in part (a batch half written, then
     * delivered again, leaves the model the whole batch leaves).
     */
    default void applyAll(List<RecordedEvent> events) {
        events.forEach(this::apply);
    }

    /** {@link #appliedVersion} of several integrations at once; those the model has none of are left out. */
    default Map<IntegrationId, Long> appliedVersions(Collection<IntegrationId> ids) {
        Map<IntegrationId, Long> versions = new HashMap<>();
        for (IntegrationId id : ids) {
            appliedVersion(id).ifPresent(version -> versions.put(id, version));
        }
        return versions;
    }
}
