package io.integrationregistry.application.integrations;

/** The idempotency key was first used with another request. */
public final class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused() {
        super("Idempotency-Key: this key was already used with a different request");
    }
}
