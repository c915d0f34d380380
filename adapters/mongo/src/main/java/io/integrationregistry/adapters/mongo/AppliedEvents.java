package io.integrationregistry.adapters.mongo;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells those waiting for the list to show an integration at some version when this instance applied
 * it, so that they neither poll the store at a fixed pace nor all query it again whenever any event is
 * applied. Only integrations someone waits for are remembered, with the highest version applied here
 * since the first waiter came.
 */
final class AppliedEvents {

    private final Map<String, Watched> watched = new HashMap<>();

    private static final class Watched {
        int waiters;
        long highest = Long.MIN_VALUE;
    }

    synchronized void watch(String id) {
        watched.computeIfAbsent(id, any -> new Watched()).waiters++;
    }

    synchronized void unwatch(String id) {
        Watched entry = watched.get(id);
        if (entry != null && --entry.waiters == 0) {
            watched.remove(id);
        }
    }

    synchronized void applied(String id, long version) {
        Watched entry = watched.get(id);
        if (entry != null && version > entry.highest) {
            entry.highest = version;
            notifyAll();
        }
    }

    /**
     * Returns true once this instance applied the watched integration at {@code version} or later, false
     * after {@code nanos} without it.
     */
    synchronized boolean awaitVersion(String id, long version, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            Watched entry = watched.get(id);
            if (entry != null && entry.highest >= version) {
                return true;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
        Watched entry = watched.get(id);
        return entry != null && entry.highest >= version;
    }
}
