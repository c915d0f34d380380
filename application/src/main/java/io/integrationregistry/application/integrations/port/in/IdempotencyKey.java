package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.InvalidValue;

/**
 * A client's key for retrying a creation safely, with a digest of the request it came with: the same
 * key with the same request returns the first answer; with another request it is refused.
 */
public record IdempotencyKey(String value, String requestDigest) {

    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null
                || value.isEmpty()
                || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new InvalidValue("Idempotency-Key", "must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
        if (requestDigest == null || requestDigest.isEmpty()) {
            throw new IllegalArgumentException("requestDigest is required");
        }
    }
}
