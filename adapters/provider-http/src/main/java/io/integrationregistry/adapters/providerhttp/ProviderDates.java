package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code dateModified} the ways providers write it: RFC 3339 as the Document Webhooks API asks, ISO-8601 without
 * an offset (taken as UTC) or without a time, or epoch milliseconds as a number or a numeric string.
 * A date that cannot be read is unknown (null): it is not worth failing a listing for. So is the epoch
 * itself (0, or 1970-01-01T00:00:00Z): providers write it where they have no date, as a placeholder.
 */
final class ProviderDates {

    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,19}");

    private ProviderDates() {}

    static Instant read(JsonNode value) {
        return unlessPlaceholder(readAny(value));
    }

    static Instant read(String raw) {
        return unlessPlaceholder(readAny(raw));
    }

    private static Instant unlessPlaceholder(Instant instant) {
        return Instant.EPOCH.equals(instant) ? null : instant;
    }

    private static Instant readAny(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            return value.canConvertToLong() ? epochMillis(value.asLong()) : null;
        }
        return value.isTextual() ? readAny(value.asText()) : null;
    }

    private static Instant readAny(String raw) {
        String text = raw.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (DIGITS.matcher(text).matches()) {
            try {
                return epochMillis(Long.parseLong(text));
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        // RFC 3339 allows a lower-case t and z, and a space between date and time.
        String iso = text.toUpperCase(Locale.ROOT);
        if (iso.length() > 10 && iso.charAt(10) == ' ') {
            iso = iso.substring(0, 10) + 'T' + iso.substring(11);
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // next shape
        }
        try {
            return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // next shape
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static Instant epochMillis(long millis) {
        try {
            return Instant.ofEpochMilli(millis);
        } catch (ArithmeticException | java.time.DateTimeException outOfRange) {
            return null;
        }
    }
}
