package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationId;

import java.util.OptionalLong;

/**
 * The integration list read model, as the event stream feeds it. Applying an event twice, or an
 * older one after a newer one, changes nothing: without transactions this is what makes replays and
 * redeliveries safe.
 */
public interface ForKeepingTheIntegrationList extends ForRebuildingAReadModel {

    /** An event, as the served model's feed delivers it: into the served model only. */
    void apply(RecordedEvent event);

    /**
     * The sequence number of the integration's last event the served model applied; empty when it has none. An
     * event whose sequence number is more than one past it would leave a gap: the events in between come first.
     */
    OptionalLong appliedVersion(IntegrationId id);
}
