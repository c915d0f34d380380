package io.integrationregistry.adapters.secrets;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the wrapped data keys live. Shared by every instance of the service, so creation and re-wrapping
 * are conditional writes: the store, not a read before the write, decides which of two racers wins.
 */
public interface WrappedDataKeys {

    Optional<WrappedDataKey> find(String integrationId);

    /** @return false, storing nothing, when the integration already has a data key */
    boolean insertIfAbsent(WrappedDataKey dataKey);

    /**
     * Replaces the wrapping of {@code current}, only if it is still stored at its revision.
     *
     * @return false, changing nothing, when another writer got there first
     */
    boolean rewrap(WrappedDataKey current, byte[] wrappedKey, String masterKeyId, Instant at);

    /** Every stored data key, in the order of the integration ids. */
    void forEach(Consumer<WrappedDataKey> action);
}
