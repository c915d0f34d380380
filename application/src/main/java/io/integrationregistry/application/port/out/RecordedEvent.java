package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.IntegrationEvent;

import java.util.Objects;

/**
 * An event as the store recorded it: its unique id, its sequence number within the integration's
 * stream, and where it came from: the user who caused it, the request and the channel (each absent
 * for events recorded without one).
 */
public record RecordedEvent(String eventId, long sequence, String actor, String requestId, String source,
                            IntegrationEvent event) {

    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }

    public RecordedEvent(String eventId, long sequence, String actor, IntegrationEvent event) {
        this(eventId, sequence, actor, null, null, event);
    }
}
