package io.integrationregistry.adapters.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The time of the newest event each processor of this instance was handed (when that event was stored), kept
 * in memory as the processors go: a processor's lag in time is read from it without reading the store.
 */
final class HandledEventTimes {

    private final Map<String, Instant> newest = new ConcurrentHashMap<>();

    /** A monitor for the processor {@code processor}, which notes the time of every event it is handed. */
    MessageMonitor<EventMessage<?>> monitor(String processor) {
        return message -> {
            Instant stored = message.getTimestamp();
            newest.merge(processor, stored, (known, next) -> next.isAfter(known) ? next : known);
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /** When the newest event the processor was handed was stored; empty before its first event. */
    Optional<Instant> newest(String processor) {
        return Optional.ofNullable(newest.get(processor));
    }
}
