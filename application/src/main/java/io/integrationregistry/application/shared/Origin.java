package io.integrationregistry.application.shared;

import java.util.UUID;

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
            requestId = UUID.randomUUID().toString();
        }
        source = source == null ? Source.API : source;
    }

    public static Origin generated(Source source) {
        return new Origin(null, source);
    }
}
