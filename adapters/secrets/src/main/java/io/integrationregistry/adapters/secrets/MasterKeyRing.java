package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The named master keys: the primary wraps new data keys, every one of them still unwraps (so that a
 * rotation never makes a secret unreadable before the data keys are re-wrapped), and each also opens the
 * secrets it sealed directly, before data keys existed.
 *
 * <p>Errors name the property and the key's position or id, never key material.
 */
public final class MasterKeyRing {

    public static final String MASTER_KEYS_PROPERTY = "registry.secrets.master-keys";
    /** The id of the one master key given by {@value MasterKeys#KEYSET_PROPERTY} or the generated keyset file. */
    public static final String DEFAULT_ID = "default";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** One configured master key: its id, its Tink JSON AEAD keyset, whether it wraps new data keys. */
    public record Configured(String id, String keyset, boolean primary) {

        @Override
        public String toString() {
            return "Configured[id=" + id + ", keyset=(hidden), primary=" + primary + "]";
        }
    }

    private final Map<String, Aead> keys;
    private final String primaryId;

    private MasterKeyRing(Map<String, Aead> keys, String primaryId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.primaryId = primaryId;
    }

    /**
     * @throws IllegalStateException when the list is empty, an id is missing, malformed or repeated, a keyset
     *                               is not an AEAD keyset, or not exactly one key is primary
     */
    public static MasterKeyRing of(List<Configured> configured) {
        if (configured == null || configured.isEmpty()) {
            throw new IllegalStateException(MASTER_KEYS_PROPERTY + " is empty; list at least one master key");
        }
        Set<String> ids = new HashSet<>();
        List<String> primaries = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            Configured key = configured.get(i);
            String at = MASTER_KEYS_PROPERTY + "[" + i + "]";
            if (key == null || key.id() == null || !ID.matcher(key.id()).matches()) {
                throw new IllegalStateException(at + ".id is required: 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!ids.add(key.id())) {
                throw new IllegalStateException(
                        at + ".id '" + key.id() + "' is used by another master key;" + " every id must be unique");
            }
            if (key.primary()) {
                primaries.add(key.id());
            }
        }
        if (primaries.size() != 1) {
            throw new IllegalStateException(MASTER_KEYS_PROPERTY + " must mark exactly one key primary: true, not "
                    + primaries.size() + (primaries.isEmpty() ? "" : " " + primaries));
        }
        Map<String, Aead> keys = new LinkedHashMap<>();
        for (int i = 0; i < configured.size(); i++) {
            Configured key = configured.get(i);
            String at = MASTER_KEYS_PROPERTY + "[" + i + "].keyset (id '" + key.id() + "')";
            if (key.keyset() == null || key.keyset().isBlank()) {
                throw new IllegalStateException(at + " is empty; it must hold a Tink JSON AEAD keyset");
            }
            keys.put(key.id(), aeadOf(MasterKeys.parsedAeadKeyset(key.keyset(), at)));
        }
        return new MasterKeyRing(keys, primaries.get(0));
    }

    /** The one master key of {@value MasterKeys#KEYSET_PROPERTY} or of the generated keyset file. */
    public static MasterKeyRing single(KeysetHandle keyset) {
        Objects.requireNonNull(keyset, "keyset");
        Map<String, Aead> keys = new LinkedHashMap<>();
        keys.put(DEFAULT_ID, aeadOf(keyset));
        return new MasterKeyRing(keys, DEFAULT_ID);
    }

    public String primaryId() {
        return primaryId;
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** The data key encrypted by the primary master key, bound to {@code associatedData}. */
    byte[] wrap(KeysetHandle dataKey, byte[] associatedData) {
        try {
            return TinkAead.wrap(dataKey, keys.get(primaryId), associatedData);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(
                    "wrapping a data key failed (" + failure.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The data key, unwrapped by the master key that says it wrapped it or, failing that, by any other one
     * (a key renamed in the configuration still unwraps what it wrapped).
     */
    Optional<KeysetHandle> unwrap(byte[] wrapped, String wrappedBy, byte[] associatedData) {
        for (Aead master : inTryingOrder(wrappedBy)) {
            try {
                return Optional.of(TinkAead.unwrap(wrapped, master, associatedData));
            } catch (GeneralSecurityException | RuntimeException doesNotOpen) {
                // the next key may
            }
        }
        return Optional.empty();
    }

    /** The plaintext of a secret sealed directly by a master key (the format before data keys), or null. */
    byte[] openDirectlySealed(byte[] ciphertext, byte[] associatedData) {
        for (Aead master : keys.values()) {
            try {
                return master.decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException doesNotOpen) {
                // the next key may
            }
        }
        return null;
    }

    private List<Aead> inTryingOrder(String wrappedBy) {
        List<Aead> order = new ArrayList<>(keys.size());
        Aead named = wrappedBy == null ? null : keys.get(wrappedBy);
        if (named != null) {
            order.add(named);
        }
        keys.values().stream().filter(key -> key != named).forEach(order::add);
        return order;
    }

    private static Aead aeadOf(KeysetHandle keyset) {
        try {
            return TinkAead.of(keyset);
        } catch (GeneralSecurityException notAead) {
            throw new IllegalStateException("a master key is not a usable AEAD keyset ("
                    + notAead.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "MasterKeyRing[ids=" + keys.keySet() + ", primary=" + primaryId + "]";
    }
}
