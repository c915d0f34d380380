package io.integrationregistry.application.port.out;

/**
 * The integration list read model, as the event stream feeds it. Applying an event twice, or an
 * older one after a newer one, changes nothing: without transactions this is what makes replays and
 * redeliveries safe.
 */
public interface ForKeepingTheIntegrationList {

    void apply(RecordedEvent event);

    /** Forgets everything, before a rebuild from the first event. */
    void reset();
}
