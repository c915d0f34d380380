package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.domain.IntegrationId;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The integrations' call summaries this instance read lately, so that reading an integration or a page
 * of the list does not read its summaries again while they are fresh. A summary is kept for
 * {@link #FRESH_FOR}: this instance's own writes drop the summaries they change at once, so another
 * instance's calls show within that time. An integration without a summary is kept as such.
 */
final class KeptSummaries {

    /** How long a summary read serves before it is read again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private static final int MOST_KEPT = 10_000;

    /**
     * A summary read at {@code at} (nano time), or, when {@code changed}, the summary this instance changed
     * by its write number {@code at}.
     */
    private record Kept(Optional<ProviderCallSummary> summary, long at, boolean changed) {}

    /** A read: when it started, and how many writes this instance had made by then. */
    record Read(long startedAt, long writesBefore) {}

    private final LongSupplier nanoTime;
    private long writes;
    private final Map<IntegrationId, Kept> kept = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<IntegrationId, Kept> eldest) {
            return size() > MOST_KEPT;
        }
    };

    KeptSummaries(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The fresh summary kept of the integration: empty when none is kept, or one kept saying it has none. */
    synchronized Optional<Optional<ProviderCallSummary>> fresh(IntegrationId integration) {
        Kept found = kept.get(integration);
        if (found == null || found.changed() || nanoTime.getAsLong() - found.at() >= FRESH_FOR.toNanos()) {
            return Optional.empty();
        }
        return Optional.of(found.summary());
    }

    /**
     * Keeps what a read found of the integration, unless this instance changed the summary after the read
     * started: what it found may be older than that change.
     */
    synchronized void read(IntegrationId integration, Optional<ProviderCallSummary> summary, Read read) {
        Kept known = kept.get(integration);
        if (known != null && known.changed() && known.at() > read.writesBefore()) {
            return;
        }
        kept.put(integration, new Kept(summary, read.startedAt(), false));
    }

    /** This instance changed the integrations' summaries: they are read again. */
    synchronized void changed(Collection<IntegrationId> integrations) {
        long write = ++writes;
        integrations.forEach(integration -> kept.put(integration, new Kept(Optional.empty(), write, true)));
    }

    synchronized Read startRead() {
        return new Read(nanoTime.getAsLong(), writes);
    }
}
