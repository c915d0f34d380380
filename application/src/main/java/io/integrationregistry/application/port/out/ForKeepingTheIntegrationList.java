package io.integrationregistry.application.port.out;

/**
 * The integration list read model, as the event stream feeds it. Applying an event twice, or an
 * older one after a newer one, changes nothing: without transactions this is what makes replays and
 * redeliveries safe.
 */
public interface ForKeepingTheIntegrationList extends ForRebuildingAReadModel {

    /** An event, as the served model's feed delivers it: into the served model only. */
    void apply(RecordedEvent event);
}
