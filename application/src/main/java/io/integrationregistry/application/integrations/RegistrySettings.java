package io.integrationregistry.application.integrations;

import io.integrationregistry.domain.PlainHttp;

import java.time.Duration;

/**
 * The application's policies.
 *
 * @param plainHttp              whether provider URLs may use plain http
 * @param nameReservationGrace   how long a name reservation counts as in flight
 * @param readYourWritesTimeout  how long a command waits for the read model to show its effect
 * @param idempotencyRetention   how long an idempotency key is remembered
 */
public record RegistrySettings(
        PlainHttp plainHttp,
        Duration nameReservationGrace,
        Duration readYourWritesTimeout,
        Duration idempotencyRetention) {

    public static RegistrySettings defaults() {
        return new RegistrySettings(
                PlainHttp.REFUSED, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofHours(24));
    }

    public RegistrySettings withPlainHttp(PlainHttp allowed) {
        return new RegistrySettings(allowed, nameReservationGrace, readYourWritesTimeout, idempotencyRetention);
    }

    public RegistrySettings withNameReservationGrace(Duration grace) {
        return new RegistrySettings(plainHttp, grace, readYourWritesTimeout, idempotencyRetention);
    }
}
