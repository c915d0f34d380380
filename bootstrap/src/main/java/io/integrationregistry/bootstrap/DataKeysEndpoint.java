package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.secrets.DataKeys;
import io.integrationregistry.adapters.secrets.RewrapReport;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.Map;

/**
 * {@code /actuator/datakeys}: which master key wraps how many data keys ({@code GET}), and the re-wrap of
 * every data key under the primary master key after a rotation ({@code POST}). It concerns every company's
 * secrets, so, like the rest of Actuator beyond health and info, it is for the service's operators
 * ({@code OPERATOR}) only; a company's administrator is refused.
 */
@Endpoint(id = "datakeys")
public class DataKeysEndpoint {

    private final DataKeys dataKeys;

    DataKeysEndpoint(DataKeys dataKeys) {
        this.dataKeys = dataKeys;
    }

    /**
     * @param primaryMasterKeyId the master key that wraps new data keys
     * @param byMasterKey        how many stored data keys each master key id wraps
     */
    public record Status(String primaryMasterKeyId, Map<String, Long> byMasterKey) {
    }

    @ReadOperation
    public Status status() {
        return new Status(dataKeys.primaryMasterKeyId(), dataKeys.countByMasterKey());
    }

    /** Idempotent: a data key already wrapped by the primary master key is left as it is. */
    @WriteOperation
    public RewrapReport rewrap() {
        return dataKeys.rewrapAll();
    }
}
