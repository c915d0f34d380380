package io.integrationregistry.application.documents;

import java.time.Duration;

/**
 * As many calls as allowed are already under way to this integration's provider, or for this company:
 * the call was not made. Whoever asked may try again after {@link #retryAfter()}.
 */
public final class TooManyProviderCalls extends RuntimeException {

    private final Duration retryAfter;

    public TooManyProviderCalls(String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
