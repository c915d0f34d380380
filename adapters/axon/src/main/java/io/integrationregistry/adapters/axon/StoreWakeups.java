package io.integrationregistry.adapters.axon;

import java.util.concurrent.TimeUnit;

/**
 * Tells this instance's processor streams that events were stored here: a stream that has read everything waits
 * for the next store, or for its poll, whichever comes first. Each store moves a generation on, so that a store
 * between a stream's last read and its wait is not missed.
 */
final class StoreWakeups {

    private long generation;

    synchronized long generation() {
        return generation;
    }

    synchronized void stored() {
        generation++;
        notifyAll();
    }

    /** Waits at most {@code nanos} for a store after {@code seen}; at once if there was one already. */
    synchronized void awaitAfter(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
