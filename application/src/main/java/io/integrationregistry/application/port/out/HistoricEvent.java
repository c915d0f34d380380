package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.IntegrationEvent;

import java.time.Instant;

/** One event of an integration's history as the event store holds it, with where it came from. */
public record HistoricEvent(String eventId, long version, Instant recordedAt, String actor, String requestId,
                            String source, IntegrationEvent event) {
}
