package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Writes the observed provider calls into the log without ever slowing or failing a call: observing puts
 * the call on a bounded queue and returns; when the queue is full the call is dropped and counted. One
 * daemon thread waits for calls, writes all that wait in two bulk writes (the entries, then the
 * summaries), trims the integrations that grew past their maximum, then rests for the flush interval, so
 * that it writes at most once per interval and, when no call comes, does nothing but delete the expired
 * entries once an hour. A write that fails (the database away) loses its batch, counted as dropped, and
 * logs one warning without any of the calls' contents. Closing writes what still waits.
 */
public class ProviderCallLogWriter implements ForObservingProviderCalls, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallLogWriter.class);
    private static final Duration EXPIRY_EVERY = Duration.ofHours(1);

    private final MongoProviderCalls calls;
    private final ProviderCallLogSettings settings;
    private final Clock clock;
    private final BlockingQueue<ProviderCallRecord> waiting;
    private final AtomicLong dropped = new AtomicLong();
    private final Map<String, Integer> writtenSinceTrimmed = new HashMap<>();
    /** Held while writing: the writing thread is only ever interrupted outside a write. */
    private final Object writing = new Object();

    private Thread writer;
    private Instant lastExpiry;

    public ProviderCallLogWriter(MongoProviderCalls calls, ProviderCallLogSettings settings, Clock clock) {
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
        this.waiting = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    @Override
    public void observed(ProviderCallRecord call) {
        if (call == null || !waiting.offer(call)) {
            dropped.incrementAndGet();
        }
    }

    /** Calls not logged: observed while the queue was full, or lost with a write that failed. */
    public long dropped() {
        return dropped.get();
    }

    /** Calls waiting to be written. */
    public int waiting() {
        return waiting.size();
    }

    /** Starts the writing thread; until then observed calls only wait (or are dropped once the queue is full). */
    public synchronized void start() {
        if (writer != null) {
            return;
        }
        writer = new Thread(this::writeUntilInterrupted, "provider-call-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Stops the writing thread, then writes what still waits. */
    @Override
    public synchronized void close() {
        if (writer != null) {
            synchronized (writing) {
                writer.interrupt();
            }
            try {
                writer.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            writer = null;
        }
        flushQuietly(null);
    }

    /** Writes every call waiting now; answers how many were written. Never throws. */
    public int flush() {
        return flushQuietly(null);
    }

    private void writeUntilInterrupted() {
        long rest = settings.flushInterval().toMillis();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ProviderCallRecord first = waiting.poll(EXPIRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                flushQuietly(first);
                Thread.sleep(rest);
            }
        } catch (InterruptedException stopped) {
            // Closing: what still waits is written by close().
        }
    }

    /** Writes {@code first} (when not null) and every call waiting now; answers how many were written. */
    private int flushQuietly(ProviderCallRecord first) {
        synchronized (writing) {
            try {
                return write(first);
            } catch (RuntimeException | Error unexpected) {
                // Keeps the writing thread alive whatever happens.
                log.warn(
                        "The provider call log's writer failed: {}",
                        unexpected.getClass().getSimpleName());
                return 0;
            }
        }
    }

    private int write(ProviderCallRecord first) {
        expireNowAndThen();
        List<ProviderCallRecord> batch = new ArrayList<>();
        if (first != null) {
            batch.add(first);
        }
        waiting.drainTo(batch);
        if (batch.isEmpty()) {
            return 0;
        }
        try {
            calls.write(batch);
        } catch (RuntimeException failed) {
            dropped.addAndGet(batch.size());
            log.warn(
                    "Could not write {} provider call(s) into the call log; they are lost: {}",
                    batch.size(),
                    failed.getClass().getSimpleName());
            return 0;
        }
        trimNowAndThen(batch);
        return batch.size();
    }

    /** Counts each integration's new entries; those that got a tenth of their maximum since are checked. */
    private void trimNowAndThen(List<ProviderCallRecord> batch) {
        Map<String, Long> written = batch.stream()
                .collect(Collectors.groupingBy(call -> call.integration().value(), Collectors.counting()));
        Set<String> due = new java.util.HashSet<>();
        written.forEach((integration, count) -> {
            int since = writtenSinceTrimmed.merge(integration, count.intValue(), Integer::sum);
            if (since >= settings.trimSlack()) {
                due.add(integration);
                writtenSinceTrimmed.remove(integration);
            }
        });
        try {
            calls.trim(due);
        } catch (RuntimeException failed) {
            log.warn(
                    "Could not trim the provider call log: {}",
                    failed.getClass().getSimpleName());
        }
    }

    private void expireNowAndThen() {
        Instant now = clock.instant();
        if (lastExpiry != null && now.isBefore(lastExpiry.plus(EXPIRY_EVERY))) {
            return;
        }
        lastExpiry = now;
        try {
            calls.deleteExpired();
        } catch (RuntimeException failed) {
            log.warn(
                    "Could not delete the expired provider calls: {}",
                    failed.getClass().getSimpleName());
        }
    }
}
