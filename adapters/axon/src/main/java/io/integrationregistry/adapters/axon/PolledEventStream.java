package io.integrationregistry.adapters.axon;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A processor's stream of the event store: it reads the store itself, from its own token, in the store's order of
 * positions (see {@link TrackedReads}). When it has read everything, it looks again as soon as {@link StoreWakeups}
 * says this instance stored events, and at the latest after {@code pollEvery} for other instances' events (a look
 * that finds nothing new costs at most one read of the position counter, by key).
 * <p>
 * It stands in for Axon's shared cache of recent events, which serves a processor standing outside the cache (one
 * that took over a segment far ahead or behind the others, or whose token was moved) from a stream that looks at
 * the store once a second: every command waiting for that processor's projection then waited up to a second.
 */
final class PolledEventStream implements TrackingEventStream {

    private final EventStorageEngine storage;
    private final StoreWakeups wakeups;
    private final long pollNanos;
    private TrackingToken last;
    private Stream<? extends TrackedEventMessage<?>> open;
    private Iterator<? extends TrackedEventMessage<?>> read;
    private TrackedEventMessage<?> peeked;

    PolledEventStream(EventStorageEngine storage, TrackingToken from, StoreWakeups wakeups, long pollNanos) {
        this.storage = storage;
        this.last = from;
        this.wakeups = wakeups;
        this.pollNanos = pollNanos;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        if (peeked == null) {
            peeked = readOne();
        }
        return Optional.ofNullable(peeked);
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (true) {
            long generation = wakeups.generation();
            if (peek().isPresent()) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wakeups.awaitAfter(generation, Math.min(left, pollNanos));
        }
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            // waits until an event is there
        }
        TrackedEventMessage<?> next = peeked;
        peeked = null;
        return next;
    }

    @Override
    public void close() {
        closeRead();
    }

    /** The next event after the last one read, or null when the store holds none yet. */
    private TrackedEventMessage<?> readOne() {
        if (read == null || !read.hasNext()) {
            // A drained read is not asked again: it is opened anew from the last event it gave.
            closeRead();
            open = storage.readEvents(last, false);
            read = open.iterator();
            if (!read.hasNext()) {
                return null;
            }
        }
        TrackedEventMessage<?> next = read.next();
        last = next.trackingToken();
        return next;
    }

    private void closeRead() {
        if (open != null) {
            open.close();
            open = null;
            read = null;
        }
    }
}
