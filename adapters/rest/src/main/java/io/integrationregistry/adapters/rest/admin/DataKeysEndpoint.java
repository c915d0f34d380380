package io.integrationregistry.adapters.rest.admin;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /actuator/datakeys}: which master key wraps how many data keys ({@code GET}), and the re-wrap of
 * every data key under the primary master key after a rotation ({@code POST}). It concerns every company's
 * secrets, so, like the rest of Actuator beyond health and info, it is for the service's operators
 * ({@code OPERATOR}) only; a company's administrator is refused.
 */
@Endpoint(id = "datakeys")
public class DataKeysEndpoint {

    private final Supplier<String> primaryMasterKeyId;
    private final Supplier<Map<String, Long>> byMasterKey;
    private final Supplier<Rewrap> rewrapAll;

    /**
     * @param primaryMasterKeyId the id of the master key that wraps new data keys
     * @param byMasterKey        how many stored data keys each master key id wraps
     * @param rewrapAll          re-wraps every data key under the primary master key
     */
    public DataKeysEndpoint(
            Supplier<String> primaryMasterKeyId, Supplier<Map<String, Long>> byMasterKey, Supplier<Rewrap> rewrapAll) {
        this.primaryMasterKeyId = primaryMasterKeyId;
        this.byMasterKey = byMasterKey;
        this.rewrapAll = rewrapAll;
    }

    /**
     * @param primaryMasterKeyId the master key that wraps new data keys
     * @param byMasterKey        how many stored data keys each master key id wraps
     */
    public record Status(String primaryMasterKeyId, Map<String, Long> byMasterKey) {}

    /**
     * What one re-wrap of every data key did.
     *
     * @param examined            data keys looked at
     * @param rewrapped           data keys now wrapped by the primary master key that were not before
     * @param alreadyUnderPrimary data keys that were wrapped by the primary master key already
     * @param failed              data keys that no configured master key unwraps; left as they were
     * @param primaryMasterKeyId  the id of the primary master key
     */
    public record Rewrap(
            long examined, long rewrapped, long alreadyUnderPrimary, long failed, String primaryMasterKeyId) {}

    @ReadOperation
    public Status status() {
        return new Status(primaryMasterKeyId.get(), byMasterKey.get());
    }

    /** Idempotent: a data key already wrapped by the primary master key is left as it is. */
    @WriteOperation
    public Rewrap rewrap() {
        return rewrapAll.get();
    }
}
