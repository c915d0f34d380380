package io.integrationregistry.adapters.mongo;

import java.time.Duration;
import java.util.Objects;

/**
 * How the provider-call log keeps its entries.
 *
 * @param queueCapacity      calls waiting to be written at most; a call observed when they are that many is
 *                           dropped (and counted)
 * @param flushInterval      how long the writer rests after each write, so that it writes at most once per
 *                           interval
 * @param retention          how long an entry is kept (the TTL of the {@code at} index; reads ignore older ones)
 * @param maxPerIntegration  entries kept per integration at most (the oldest beyond are trimmed, in batches)
 */
public record ProviderCallLogSettings(
        int queueCapacity, Duration flushInterval, Duration retention, int maxPerIntegration) {

    public ProviderCallLogSettings {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(retention, "retention");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("the queue capacity must be 1 or more");
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("the flush interval must be positive");
        }
        if (retention.toSeconds() < 1) {
            throw new IllegalArgumentException("the retention must be a second or more");
        }
        if (maxPerIntegration < 1) {
            throw new IllegalArgumentException("the maximum of entries per integration must be 1 or more");
        }
    }

    public static ProviderCallLogSettings defaults() {
        return new ProviderCallLogSettings(10_000, Duration.ofSeconds(1), Duration.ofDays(7), 1000);
    }

    /** How many entries beyond the maximum an integration may hold before they are trimmed: a tenth of it. */
    int trimSlack() {
        return Math.max(1, maxPerIntegration / 10);
    }
}
