package io.integrationregistry.adapters.secrets;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The data key of one integration as it is stored: encrypted by a master key, never in plain form.
 *
 * @param integrationId the integration whose secrets and tokens it seals
 * @param wrappedKey    the Tink keyset of the data key, encrypted by the master key {@code masterKeyId}
 * @param masterKeyId   the id of the master key that wrapped it
 * @param createdAt     when the data key was made
 * @param rewrappedAt   when it was last wrapped by another master key; null if never
 * @param revision      goes up at each re-wrap, so that two concurrent re-wraps cannot both replace it
 */
public record WrappedDataKey(
        String integrationId,
        byte[] wrappedKey,
        String masterKeyId,
        Instant createdAt,
        Instant rewrappedAt,
        long revision) {

    public WrappedDataKey {
        Objects.requireNonNull(integrationId, "integrationId");
        Objects.requireNonNull(wrappedKey, "wrappedKey");
        Objects.requireNonNull(masterKeyId, "masterKeyId");
        Objects.requireNonNull(createdAt, "createdAt");
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedDataKey that
                && integrationId.equals(that.integrationId)
                && Arrays.equals(wrappedKey, that.wrappedKey)
                && masterKeyId.equals(that.masterKeyId)
                && createdAt.equals(that.createdAt)
                && Objects.equals(rewrappedAt, that.rewrappedAt)
                && revision == that.revision;
    }

    @Override
    public int hashCode() {
        return Objects.hash(integrationId, Arrays.hashCode(wrappedKey), masterKeyId, createdAt, rewrappedAt, revision);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[integrationId=" + integrationId + ", masterKeyId=" + masterKeyId + ", revision="
                + revision + "]";
    }
}
