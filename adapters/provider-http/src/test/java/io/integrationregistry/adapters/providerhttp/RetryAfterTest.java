package io.integrationregistry.adapters.providerhttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait a provider's {@code Retry-After} asks for, as the service passes it on. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void seconds_are_taken_as_they_are() {
        assertThat(RetryAfter.of("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.of(" 7 ", NOW)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void an_http_date_becomes_the_seconds_until_it_rounded_up() {
        assertThat(RetryAfter.of("Fri, 02 Jan 2026 03:05:05 GMT", NOW)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryAfter.of("Fri, 02 Jan 2026 03:05:05 GMT", NOW.plusMillis(500)))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"soon", "-5", "1.5", "0", "Thu, 01 Jan 2026 00:00:00 GMT"})
    void no_usable_or_a_past_wait_is_one_second(String header) {
        assertThat(RetryAfter.of(header, NOW)).isEqualTo(RetryAfter.DEFAULT).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_wait_longer_than_a_day_is_a_day() {
        assertThat(RetryAfter.of("999999999999999999999", NOW)).isEqualTo(Duration.ofDays(1));
        assertThat(RetryAfter.of("172800", NOW)).isEqualTo(Duration.ofDays(1));
    }
}
