package io.integrationregistry.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The query string appended to every call to the provider, such as {@code access_type=offline}.
 * Kept exactly as the administrator encoded it (one leading {@code ?} is dropped), at most 2,000
 * characters, a well-formed {@code k=v&k2=v2}: every pair has a name, every {@code %} starts a valid
 * escape, and only characters a URL query may carry appear unencoded.
 */
public record RequestParameters(String value) {

    public static final int MAX_LENGTH = 2_000;
    public static final RequestParameters NONE = new RequestParameters("");
    private static final String FIELD = "requestParameters";
    private static final String SHAPE = "must be a query string such as k=v&k2=v2";

    public RequestParameters {
        value = value == null ? "" : value.strip();
        if (value.startsWith("?")) {
            value = value.substring(1);
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValue(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!value.isEmpty()) {
            for (String pair : value.split("&", -1)) {
                decodePair(pair);
            }
        }
    }

    public static RequestParameters of(String raw) {
        return new RequestParameters(raw);
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** The parameters in order, decoded. */
    public List<QueryParameter> pairs() {
        if (value.isEmpty()) {
            return List.of();
        }
        List<QueryParameter> pairs = new ArrayList<>();
        for (String pair : value.split("&", -1)) {
            pairs.add(decodePair(pair));
        }
        return List.copyOf(pairs);
    }

    private static QueryParameter decodePair(String pair) {
        if (pair.isEmpty()) {
            throw new InvalidValue(FIELD, SHAPE + " (an empty pair between '&')");
        }
        for (int i = 0; i < pair.length(); i++) {
            char c = pair.charAt(i);
            if (!isQueryCharacter(c)) {
                throw new InvalidValue(FIELD, SHAPE + " (character '" + printable(c) + "' must be percent-encoded)");
            }
        }
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        if (name.isEmpty()) {
            throw new InvalidValue(FIELD, SHAPE + " (every pair needs a name before '=')");
        }
        return new QueryParameter(PercentEncoding.decode(FIELD, name), PercentEncoding.decode(FIELD, value));
    }

    /** RFC 3986 {@code query} characters, except the pair separator which is handled by the caller. */
    private static boolean isQueryCharacter(char c) {
        return PercentEncoding.isUnreserved(c) || "!$'()*+,;=:@/?%".indexOf(c) >= 0;
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("U+%04X", (int) c)
                : String.valueOf(c);
    }

    @Override
    public String toString() {
        return value;
    }
}
