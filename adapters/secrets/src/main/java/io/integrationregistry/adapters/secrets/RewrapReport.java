package io.integrationregistry.adapters.secrets;

/**
 * What one re-wrap of every data key did.
 *
 * @param examined            data keys looked at
 * @param rewrapped           data keys now wrapped by the primary master key that were not before
 * @param alreadyUnderPrimary data keys that were wrapped by the primary master key already
 * @param failed              data keys that no configured master key unwraps; left as they were
 * @param primaryMasterKeyId  the id of the primary master key
 */
public record RewrapReport(
        long examined, long rewrapped, long alreadyUnderPrimary, long failed, String primaryMasterKeyId) {}
