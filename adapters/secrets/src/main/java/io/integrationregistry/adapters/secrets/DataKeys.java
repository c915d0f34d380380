package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import io.integrationregistry.application.shared.SecretUnreadable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data key of each integration: made on its first seal, stored only wrapped by the primary master
 * key, unwrapped when needed and then kept in a bounded in-memory cache, so that a provider call does
 * not unwrap it again. Its wrapping is bound to the integration id, so a wrapped key copied onto
 * another integration does not unwrap.
 */
public final class DataKeys {

    /** Marks a secret sealed by a data key; followed by the data key's Tink key id, which is not secret. */
    static final String KEY_ID_PREFIX = "dk1:";

    private static final Logger LOG = LoggerFactory.getLogger(DataKeys.class);

    /** An unwrapped data key and the key id its ciphertexts carry. */
    record DataKey(Aead aead, String keyId) {}

    private final MasterKeyRing masterKeys;
    private final WrappedDataKeys store;
    private final Clock clock;
    private final Map<String, DataKey> cache;

    /** @param cacheSize how many unwrapped data keys to keep in memory, the least recently used leaving first */
    public DataKeys(MasterKeyRing masterKeys, WrappedDataKeys store, Clock clock, int cacheSize) {
        this.masterKeys = Objects.requireNonNull(masterKeys, "masterKeys");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheSize < 1) {
            throw new IllegalArgumentException("the data key cache size must be at least 1");
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DataKey> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /**
     * The integration's data key, made and stored first if it has none; two racers end with the same one.
     *
     * @throws SecretUnreadable when it has one that no configured master key unwraps
     */
    DataKey forSealing(String integrationId) {
        DataKey cached = cached(integrationId);
        if (cached != null) {
            return cached;
        }
        Optional<WrappedDataKey> stored = store.find(integrationId);
        if (stored.isEmpty()) {
            KeysetHandle fresh = newDataKey();
            WrappedDataKey wrapped = new WrappedDataKey(
                    integrationId,
                    masterKeys.wrap(fresh, associatedData(integrationId)),
                    masterKeys.primaryId(),
                    clock.instant(),
                    null,
                    0);
            if (store.insertIfAbsent(wrapped)) {
                return remember(integrationId, fresh);
            }
            // Another thread or instance stored its data key first: that one is the integration's.
            stored = store.find(integrationId);
        }
        return stored.flatMap(this::unwrapped)
                .map(dataKey -> remember(integrationId, dataKey))
                .orElseThrow(() -> new SecretUnreadable("the data key of integration " + integrationId
                        + " does not unwrap with any configured master key " + masterKeys.ids()));
    }

    /** The integration's data key, or empty when it has none or no configured master key unwraps it. */
    Optional<DataKey> forOpening(String integrationId) {
        DataKey cached = cached(integrationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return store.find(integrationId).flatMap(this::unwrapped).map(dataKey -> remember(integrationId, dataKey));
    }

    /**
     * Wraps every data key not yet wrapped by the primary master key with it. Touches no secret and no event:
     * the data keys themselves stay the same, so the cache stays valid. Idempotent, and safe to run while
     * secrets are sealed and opened, on any number of instances at once.
     */
    public RewrapReport rewrapAll() {
        String primary = masterKeys.primaryId();
        AtomicLong examined = new AtomicLong();
        AtomicLong rewrapped = new AtomicLong();
        AtomicLong already = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        store.forEach(dataKey -> {
            examined.incrementAndGet();
            switch (rewrap(dataKey, primary)) {
                case REWRAPPED -> rewrapped.incrementAndGet();
                case ALREADY_UNDER_PRIMARY -> already.incrementAndGet();
                case FAILED -> failed.incrementAndGet();
            }
        });
        RewrapReport report = new RewrapReport(examined.get(), rewrapped.get(), already.get(), failed.get(), primary);
        LOG.info(
                "Re-wrapped the data keys under master key '{}': {} examined, {} re-wrapped, {} already under it,"
                        + " {} failed",
                primary,
                report.examined(),
                report.rewrapped(),
                report.alreadyUnderPrimary(),
                report.failed());
        return report;
    }

    /** How many data keys each master key id wraps, as stored. */
    public Map<String, Long> countByMasterKey() {
        Map<String, Long> counts = new LinkedHashMap<>();
        masterKeys.ids().forEach(id -> counts.put(id, 0L));
        store.forEach(dataKey -> counts.merge(dataKey.masterKeyId(), 1L, Long::sum));
        return counts;
    }

    public String primaryMasterKeyId() {
        return masterKeys.primaryId();
    }

    private enum Outcome {
        REWRAPPED,
        ALREADY_UNDER_PRIMARY,
        FAILED
    }

    private Outcome rewrap(WrappedDataKey dataKey, String primary) {
        WrappedDataKey current = dataKey;
        // A concurrent re-wrap may win the compare-and-set; then the stored key is read again, at most twice.
        for (int attempt = 0; attempt < 3; attempt++) {
            if (current.masterKeyId().equals(primary)) {
                return Outcome.ALREADY_UNDER_PRIMARY;
            }
            Optional<KeysetHandle> plain = masterKeys.unwrap(
                    current.wrappedKey(), current.masterKeyId(), associatedData(current.integrationId()));
            if (plain.isEmpty()) {
                LOG.warn(
                        "The data key of integration {} is wrapped by master key '{}', which is not configured or"
                                + " does not unwrap it; it is left as it is",
                        current.integrationId(),
                        current.masterKeyId());
                return Outcome.FAILED;
            }
            byte[] rewrapped = masterKeys.wrap(plain.get(), associatedData(current.integrationId()));
            if (store.rewrap(current, rewrapped, primary, clock.instant())) {
                return Outcome.REWRAPPED;
            }
            Optional<WrappedDataKey> reread = store.find(current.integrationId());
            if (reread.isEmpty()) {
                return Outcome.FAILED;
            }
            current = reread.get();
        }
        return current.masterKeyId().equals(primary) ? Outcome.ALREADY_UNDER_PRIMARY : Outcome.FAILED;
    }

    private Optional<DataKey> unwrapped(WrappedDataKey stored) {
        return masterKeys
                .unwrap(stored.wrappedKey(), stored.masterKeyId(), associatedData(stored.integrationId()))
                .map(DataKeys::dataKeyOf);
    }

    private DataKey remember(String integrationId, KeysetHandle keyset) {
        return remember(integrationId, dataKeyOf(keyset));
    }

    private DataKey remember(String integrationId, DataKey dataKey) {
        synchronized (cache) {
            DataKey first = cache.putIfAbsent(integrationId, dataKey);
            return first == null ? dataKey : first;
        }
    }

    private DataKey cached(String integrationId) {
        synchronized (cache) {
            return cache.get(integrationId);
        }
    }

    private static DataKey dataKeyOf(KeysetHandle keyset) {
        try {
            return new DataKey(
                    TinkAead.of(keyset),
                    KEY_ID_PREFIX + Integer.toUnsignedString(keyset.getPrimary().getId()));
        } catch (GeneralSecurityException notAead) {
            throw new IllegalStateException("a data key is not a usable AEAD keyset ("
                    + notAead.getClass().getSimpleName() + ")");
        }
    }

    private static KeysetHandle newDataKey() {
        try {
            return TinkAead.newAes256GcmKeyset();
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(
                    "cannot generate a data key (" + failure.getClass().getSimpleName() + ")");
        }
    }

    /** Binds a wrapped data key to its integration: an id never contains a line feed. */
    static byte[] associatedData(String integrationId) {
        return ("integration-data-key\n" + integrationId).getBytes(StandardCharsets.UTF_8);
    }
}
