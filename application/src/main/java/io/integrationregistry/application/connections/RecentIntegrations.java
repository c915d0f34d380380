package io.integrationregistry.application.connections;

import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    private record Kept(StoredIntegration stored, SealedSecret sealedKey, PlainSecret openedKey, long checkedAt) {

        Kept checked(long at) {
            return new Kept(stored, sealedKey, openedKey, at);
        }
    }

    private final ForStoringIntegrations store;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final Map<IntegrationId, Kept> kept;
    /** Counts every forgetting, so that a load that raced one is not kept. */
    private final AtomicLong forgettings = new AtomicLong();

    private volatile long followedUntil;
    private volatile boolean followed;

    RecentIntegrations(ForStoringIntegrations store, int capacity, Duration maxAge, LongSupplier nanoTime) {
        this.store = store;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAge.toNanos();
        this.kept = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IntegrationId, Kept> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<StoredIntegration> current(IntegrationId id) {
        long now = nanoTime.getAsLong();
        long before = forgettings.get();
        Kept known;
        synchronized (kept) {
            known = kept.get(id);
        }
        if (known != null && followed && now - followedUntil < 0 && now - known.checkedAt() < maxAgeNanos) {
            return Optional.of(known.stored());
        }
        OptionalLong version = store.currentVersion(id);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        if (known != null && known.stored().version() == version.getAsLong()) {
            keep(id, known.checked(now), before);
            return Optional.of(known.stored());
        }
        Optional<StoredIntegration> loaded = store.load(id);
        loaded.ifPresent(fresh -> keep(id, new Kept(fresh, null, null, now), before));
        return loaded;
    }

    /** The opened API key, kept with the integration while its sealed form stays the same. */
    PlainSecret openedKey(IntegrationId id, SealedSecret sealed, Supplier<PlainSecret> open) {
        long before = forgettings.get();
        Kept known;
        synchronized (kept) {
            known = kept.get(id);
        }
        if (known != null && sealed.equals(known.sealedKey()) && known.openedKey() != null) {
            return known.openedKey();
        }
        PlainSecret opened = open.get();
        if (known != null) {
            keep(id, new Kept(known.stored(), sealed, opened, known.checkedAt()), before);
        }
        return opened;
    }

    void forget(IntegrationId id) {
        forgettings.incrementAndGet();
        synchronized (kept) {
            kept.remove(id);
        }
    }

    void forgetAll() {
        forgettings.incrementAndGet();
        synchronized (kept) {
            kept.clear();
        }
    }

    void caughtUp(Duration validFor) {
        followedUntil = nanoTime.getAsLong() + validFor.toNanos();
        followed = true;
    }

    /** Keeps it unless something was forgotten since the caller began: what it read may already be stale. */
    private void keep(IntegrationId id, Kept fresh, long forgettingsBefore) {
        synchronized (kept) {
            if (forgettings.get() != forgettingsBefore) {
                return;
            }
            Kept other = kept.get(id);
            if (other == null || other.stored().version() <= fresh.stored().version()) {
                kept.put(id, fresh);
            }
        }
    }
}
