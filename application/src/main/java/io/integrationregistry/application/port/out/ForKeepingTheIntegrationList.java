package io.integrationregistry.application.port.out;

/**
 * The integration list read model, as the event stream feeds it. Applying an event twice, or an
 * older one after a newer one, changes nothing: without transactions this is what makes replays and
 * redeliveries safe.
 */
public interface ForKeepingTheIntegrationList extends ForRebuildingAReadModel {

    /** An event: into the served model, and into the one being rebuilt while a rebuild runs. */
    void apply(RecordedEvent event);
}
