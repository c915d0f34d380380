package io.integrationregistry.application.connections;

import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.IntegrationId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The integrations that provider calls used lately, each at the version it was folded at. An
 * integration at a given version never changes, so a kept one serves as long as the event store says
 * that version is still the last: one indexed lookup per call instead of reading its events (and
 * snapshot) again. Every call still sees the current state, whichever instance changed it.
 */
final class RecentIntegrations {

    private final ForStoringIntegrations store;
    private final Map<IntegrationId, StoredIntegration> kept;

    RecentIntegrations(ForStoringIntegrations store, int capacity) {
        this.store = store;
        this.kept = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<IntegrationId, StoredIntegration> eldest) {
                return size() > capacity;
            }
        };
    }

    Optional<StoredIntegration> current(IntegrationId id) {
        OptionalLong version = store.currentVersion(id);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        StoredIntegration known;
        synchronized (kept) {
            known = kept.get(id);
        }
        if (known != null && known.version() == version.getAsLong()) {
            return Optional.of(known);
        }
        Optional<StoredIntegration> loaded = store.load(id);
        loaded.ifPresent(fresh -> {
            synchronized (kept) {
                StoredIntegration other = kept.get(id);
                if (other == null || other.version() < fresh.version()) {
                    kept.put(id, fresh);
                }
            }
        });
        return loaded;
    }
}
