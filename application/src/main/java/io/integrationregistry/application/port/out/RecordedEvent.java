package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.IntegrationEvent;

import java.util.Objects;

/**
 * An event as the store recorded it: its unique id, its sequence number within the integration's
 * stream, and the user who caused it (absent for events recorded without one).
 */
public record RecordedEvent(String eventId, long sequence, String actor, IntegrationEvent event) {

    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }
}
