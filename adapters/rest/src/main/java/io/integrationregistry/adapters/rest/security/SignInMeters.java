package io.integrationregistry.adapters.rest.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * The meters of HTTP Basic sign-ins, with no tag (never a user name nor an address):
 * <ul>
 *   <li>{@value #THROTTLED}: sign-ins refused with {@code 429} without a check, their user name or address
 *       locked out;
 *   <li>{@value #FAILURES}: sign-ins that failed their check (a wrong password, an unknown user name);
 *   <li>{@value #LOCKOUTS}: failures that locked a user name or an address out;
 *   <li>{@value #TRACKED}: the user names and addresses whose failures are counted now (bounded by
 *       {@code registry.security.sign-in.max-tracked}).
 * </ul>
 */
final class SignInMeters {

    static final String THROTTLED = "registry.signin.throttled";
    static final String FAILURES = "registry.signin.failures";
    static final String LOCKOUTS = "registry.signin.lockouts";
    static final String TRACKED = "registry.signin.tracked";

    private final Counter throttled;
    private final Counter failures;
    private final Counter lockouts;

    /** @param registry where the meters go; without one (null), nothing is recorded */
    SignInMeters(MeterRegistry registry, SignInAttempts attempts) {
        MeterRegistry meters = registry == null ? new CompositeMeterRegistry() : registry;
        throttled = Counter.builder(THROTTLED)
                .description("Sign-ins refused without a check: the user name or address is locked out")
                .register(meters);
        failures = Counter.builder(FAILURES)
                .description("Sign-ins that failed their check")
                .register(meters);
        lockouts = Counter.builder(LOCKOUTS)
                .description("Failed sign-ins that locked a user name or an address out")
                .register(meters);
        Gauge.builder(TRACKED, attempts, SignInAttempts::tracked)
                .strongReference(true)
                .description("User names and addresses whose failed sign-ins are counted")
                .register(meters);
    }

    void throttled() {
        throttled.increment();
    }

    void failed(SignInAttempts.Failure failure) {
        failures.increment();
        if (failure.lockedOut()) {
            lockouts.increment();
        }
    }
}
