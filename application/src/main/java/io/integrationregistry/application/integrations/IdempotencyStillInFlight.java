package io.integrationregistry.application.integrations;

/** The first request with this idempotency key has not answered yet; the client may retry shortly. */
public final class IdempotencyStillInFlight extends RuntimeException {

    public IdempotencyStillInFlight() {
        super("Idempotency-Key: the first request with this key is still being processed");
    }
}
