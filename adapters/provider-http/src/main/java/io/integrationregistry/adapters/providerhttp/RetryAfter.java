package io.integrationregistry.adapters.providerhttp;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a provider that answered 429 asked to wait, from its {@code Retry-After} header: whole seconds,
 * or an HTTP date turned into the seconds until it. Without a readable header the wait is
 * {@link #DEFAULT}; any wait is kept between {@link #DEFAULT} and {@link #LONGEST}, so a client is never
 * told to retry at once nor to wait for days.
 */
final class RetryAfter {

    /** The wait when the provider gave none, or one in the past. */
    static final Duration DEFAULT = Duration.ofSeconds(1);

    /** The longest wait passed on. */
    static final Duration LONGEST = Duration.ofDays(1);

    private RetryAfter() {}

    static Duration of(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        String value = header.trim();
        Duration wait;
        if (value.chars().allMatch(Character::isDigit)) {
            wait = value.length() > 9 ? LONGEST : Duration.ofSeconds(Long.parseLong(value));
        } else {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                // Rounded up: the client waits until the date, not a fraction short of it.
                wait = Duration.ofSeconds((Duration.between(now, at).toMillis() + 999) / 1000);
            } catch (DateTimeParseException unreadable) {
                return DEFAULT;
            }
        }
        if (wait.compareTo(DEFAULT) < 0) {
            return DEFAULT;
        }
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
