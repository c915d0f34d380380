package io.integrationregistry.adapters.axon;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timestamp of the newest event this instance read or stored, for the integrations it worked on most
 * recently. An event, once stored, never changes: the timestamp of (integration, sequence number) is a fact
 * that any instance may keep, so nothing here needs invalidating. An entry for an older event than the one
 * asked for simply does not answer.
 */
final class StoredTimestamps {

    private record Newest(long sequence, Instant timestamp) {}

    private final Map<String, Newest> newest;

    StoredTimestamps(int capacity) {
        this.newest = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Newest> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers that the integration's event {@code sequence} is stored with {@code timestamp}. */
    synchronized void stored(String aggregate, long sequence, Instant timestamp) {
        Newest known = newest.get(aggregate);
        if (known == null || known.sequence() < sequence) {
            newest.put(aggregate, new Newest(sequence, timestamp));
        }
    }

    /** The timestamp event {@code sequence} of the integration is stored with, if known here; else null. */
    synchronized Instant of(String aggregate, long sequence) {
        Newest known = newest.get(aggregate);
        return known != null && known.sequence() == sequence ? known.timestamp() : null;
    }
}
