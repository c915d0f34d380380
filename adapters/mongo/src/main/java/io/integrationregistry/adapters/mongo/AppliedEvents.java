package io.integrationregistry.adapters.mongo;

import java.util.concurrent.TimeUnit;

/**
 * Wakes those waiting for the list to catch up as soon as this instance applies an event, instead of
 * letting them poll at a fixed pace. It counts applied events, so that an event applied between a
 * waiter's look at the store and its wait is not missed.
 */
final class AppliedEvents {

    private long count;

    synchronized long count() {
        return count;
    }

    synchronized void oneMore() {
        count++;
        notifyAll();
    }

    /** Returns once an event was applied after {@code seen} was counted, or after {@code nanos}. */
    synchronized void awaitAnyAfter(long seen, long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (count == seen && left > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
            left = deadline - System.nanoTime();
        }
    }
}
