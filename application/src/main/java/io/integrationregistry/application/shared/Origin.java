package io.integrationregistry.application.shared;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a command comes from: the request it was part of (the client's {@code X-Request-Id}, or one
 * generated for it) and the channel ({@code api}, {@code ui} or {@code system}). Both are recorded on
 * every event the command causes.
 */
public record Origin(String requestId, Source source) {

    public static final int MAX_REQUEST_ID_LENGTH = 128;

    public enum Source {
        API,
        UI,
        SYSTEM;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Origin {
        if (requestId == null
                || requestId.isBlank()
                || requestId.length() > MAX_REQUEST_ID_LENGTH
                || !requestId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            requestId = generatedRequestId();
        }
        source = source == null ? Source.API : source;
    }

    /**
     * A random version 4 UUID. A request id only correlates log lines and events, and a client may choose its
     * own, so it need not be unguessable: it is drawn from the thread's own generator rather than the shared
     * secure one, on which concurrent requests would wait for each other.
     */
    private static String generatedRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static Origin generated(Source source) {
        return new Origin(null, source);
    }
}
