package io.integrationregistry.adapters.rest.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused, without checking its password, because its user name or address is locked out. */
final class TooManySignInAttempts extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    TooManySignInAttempts(Duration retryAfter) {
        super("too many failed sign-in attempts");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the lock-out ends, at least 1: the value of the {@code Retry-After} header. */
    long retryAfterSeconds() {
        long seconds = retryAfter.getSeconds() + (retryAfter.getNano() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
