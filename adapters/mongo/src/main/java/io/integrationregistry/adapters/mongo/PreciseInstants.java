package io.integrationregistry.adapters.mongo;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * Instants stored to the nanosecond: a BSON date under the field's own name (so that the server can
 * compare, sort and expire on it) and, under the name with {@code Nanos} appended, the nanoseconds
 * the date's milliseconds drop.
 */
final class PreciseInstants {

    private static final int NANOS_PER_MILLI = 1_000_000;

    private PreciseInstants() {}

    /** Puts the instant as two fields; puts nothing when it is {@code null}. */
    // Only the nanoseconds below the millisecond are stored here: the Date beside them holds the rest.
    @SuppressWarnings("JavaInstantGetSecondsGetNano")
    static void put(Document document, String field, Instant instant) {
        if (instant == null) {
            return;
        }
        document.put(field, Date.from(instant));
        document.put(field + "Nanos", instant.getNano() % NANOS_PER_MILLI);
    }

    /** The instant put under this field, or {@code null} when there is none. */
    static Instant get(Document document, String field) {
        Date date = document.getDate(field);
        if (date == null) {
            return null;
        }
        Object nanos = document.get(field + "Nanos");
        // Date.from floors to the millisecond, also before the epoch, so the remainder is never negative.
        return Instant.ofEpochMilli(date.getTime()).plusNanos(nanos instanceof Number number ? number.longValue() : 0);
    }
}
