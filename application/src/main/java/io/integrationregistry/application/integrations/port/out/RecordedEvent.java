package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.IntegrationEvent;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an integration as the event store recorded it: its unique id, its sequence number within
 * the integration's stream (the integration's version once it is applied), when it was recorded, and
 * where it came from: the user who caused it, the request and the channel. The time, the request and
 * the channel are absent where the one who hands the event over does not carry them (a projection's
 * feed carries no time; events recorded before requests were tracked carry no request).
 */
public record RecordedEvent(
        String eventId,
        long sequence,
        Instant recordedAt,
        String actor,
        String requestId,
        String source,
        IntegrationEvent event) {

    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }

    public RecordedEvent(
            String eventId, long sequence, String actor, String requestId, String source, IntegrationEvent event) {
        this(eventId, sequence, null, actor, requestId, source, event);
    }

    public RecordedEvent(String eventId, long sequence, String actor, IntegrationEvent event) {
        this(eventId, sequence, null, actor, null, null, event);
    }
}
