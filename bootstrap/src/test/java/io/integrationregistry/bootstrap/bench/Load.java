package io.integrationregistry.bootstrap.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a fixed number of operations on a fixed number of client threads, each thread taking the next
 * operation as soon as its previous one ends (a closed loop), and times each operation and the whole.
 */
final class Load {

    /** One operation; {@code index} runs from 0 to the number of operations, each exactly once. */
    @FunctionalInterface
    interface Operation {
        void run(int index) throws Exception;
    }

    /** What a run did: its operations, how long it took, each operation's latency, the failures. */
    record Run(int operations, long elapsedNanos, long[] latencyNanos, int failures, Throwable firstFailure) {

        double perSecond() {
            return (operations - failures) / (elapsedNanos / 1e9);
        }

        double seconds() {
            return elapsedNanos / 1e9;
        }

        double p50Millis() {
            return Stats.percentileMillis(latencyNanos, 0.50);
        }

        double p99Millis() {
            return Stats.percentileMillis(latencyNanos, 0.99);
        }

        Run requireSuccess(String what) {
            if (failures > 0) {
                throw new IllegalStateException(
                        what + ": " + failures + " of " + operations + " operations failed", firstFailure);
            }
            return this;
        }
    }

    private Load() {}

    static Run run(String name, int threads, int operations, Operation operation) {
        long[] latencies = new long[operations];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(
                    () -> {
                        try {
                            start.await();
                            for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
                                long begin = System.nanoTime();
                                try {
                                    operation.run(i);
                                } catch (Throwable failed) {
                                    failures.incrementAndGet();
                                    firstFailure.compareAndSet(null, failed);
                                }
                                latencies[i] = System.nanoTime() - begin;
                            }
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    },
                    "bench-" + name + "-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        long begin = System.nanoTime();
        start.countDown();
        try {
            done.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        long elapsed = System.nanoTime() - begin;
        return new Run(operations, elapsed, latencies, failures.get(), firstFailure.get());
    }
}
