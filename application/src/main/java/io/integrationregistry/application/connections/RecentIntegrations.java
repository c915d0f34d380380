package io.integrationregistry.application.connections;

import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The integrations that provider calls used lately, each at the version it was folded at, with its API key
 * once opened. An integration at a given version never changes. While the event stream is followed (see
 * {@link #caughtUp}), a kept one serves with no database read at all: every stored event of it drops it
 * ({@link #forget}). When the stream is not followed, or a kept one was last checked {@code maxAge} ago (an
 * event whose notice was lost, say with the instance that stored it), the event store is asked for its
 * current version first: one lookup instead of reading its events again.
 */
final class RecentIntegrations {

    /** One integration kept, with when it was last checked against the store and last used. */
    private static final class Kept {

        final StoredIntegration stored;
        final SealedSecret sealedKey;
        final PlainSecret openedKey;
        final long checkedAt;
        volatile long usedAt;

        Kept(StoredIntegration stored, SealedSecret sealedKey, PlainSecret openedKey, long checkedAt) {
            this.stored = stored;
            this.sealedKey = sealedKey;
            this.openedKey = openedKey;
            this.checkedAt = checkedAt;
            this.usedAt = checkedAt;
        }
    }

    private final ForStoringIntegrations store;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final int capacity;
    /** Read without a lock, so that concurrent calls never wait on each other; changed under {@code this}. */
    private final Map<IntegrationId, Kept> kept = new ConcurrentHashMap<>();
    /** Counts every forgetting, so that a load that raced one is not kept; changed under {@code this}. */
    private final AtomicLong forgettings = new AtomicLong();

    private volatile long followedUntil;
    private volatile boolean followed;

    RecentIntegrations(ForStoringIntegrations store, int capacity, Duration maxAge, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
        this.capacity = capacity;
    }

    Optional<StoredIntegration> current(IntegrationId id) {
        long now = nanoTime.getAsLong();
        long before = forgettings.get();
        Kept known = kept.get(id);
        if (known != null && followed && now - followedUntil < 0 && now - known.checkedAt < maxAgeNanos) {
            known.usedAt = now;
            return Optional.of(known.stored);
        }
        OptionalLong version = store.currentVersion(id);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        if (known != null && known.stored.version() == version.getAsLong()) {
            keep(id, new Kept(known.stored, known.sealedKey, known.openedKey, now), before);
            return Optional.of(known.stored);
        }
        Optional<StoredIntegration> loaded = store.load(id);
        loaded.ifPresent(fresh -> keep(id, new Kept(fresh, null, null, now), before));
        return loaded;
    }

    /** The opened API key, kept with the integration while its sealed form stays the same. */
    PlainSecret openedKey(IntegrationId id, SealedSecret sealed, Supplier<PlainSecret> open) {
        long before = forgettings.get();
        Kept known = kept.get(id);
        if (known != null && sealed.equals(known.sealedKey) && known.openedKey != null) {
            return known.openedKey;
        }
        PlainSecret opened = open.get();
        if (known != null) {
            keep(id, new Kept(known.stored, sealed, opened, known.checkedAt), before);
        }
        return opened;
    }

    synchronized void forget(IntegrationId id) {
        forgettings.incrementAndGet();
        kept.remove(id);
    }

    synchronized void forgetAll() {
        forgettings.incrementAndGet();
        kept.clear();
    }

    void caughtUp(Duration validFor) {
        followedUntil = nanoTime.getAsLong() + validFor.toNanos();
        followed = true;
    }

    /** Keeps it unless something was forgotten since the caller began: what it read may already be stale. */
    private synchronized void keep(IntegrationId id, Kept fresh, long forgettingsBefore) {
        if (forgettings.get() != forgettingsBefore) {
            return;
        }
        Kept other = kept.get(id);
        if (other == null || other.stored.version() <= fresh.stored.version()) {
            kept.put(id, fresh);
        }
        if (kept.size() > capacity) {
            dropLeastRecentlyUsed();
        }
    }

    /** Drops the tenth of the kept integrations used least recently, so that this runs once per many loads. */
    private void dropLeastRecentlyUsed() {
        List<Map.Entry<IntegrationId, Kept>> byUse = new ArrayList<>(kept.entrySet());
        byUse.sort(Comparator.comparingLong(entry -> entry.getValue().usedAt));
        int drop = Math.max(1, kept.size() - capacity + capacity / 10);
        for (int i = 0; i < drop && i < byUse.size(); i++) {
            kept.remove(byUse.get(i).getKey());
        }
    }
}
