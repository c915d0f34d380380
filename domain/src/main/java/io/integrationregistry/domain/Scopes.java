package io.integrationregistry.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The OAuth2 scopes the service asks the provider for, in the order given. Each is a scope token of
 * RFC 6749 §3.3: printable ASCII without space, {@code "} and {@code \}, here at most 200 characters
 * (a token names a permission, it is no place for data); at most 50 tokens, none twice (tokens are
 * case-sensitive, so {@code read} and {@code READ} are two). No scopes means the request names none
 * and the provider applies its default.
 */
public record Scopes(List<String> values) {

    public static final int MAX_COUNT = 50;
    public static final int MAX_TOKEN_LENGTH = 200;
    public static final Scopes NONE = new Scopes(List.of());
    static final String FIELD = "authentication.scopes";

    public Scopes {
        Checks.present(FIELD, values);
        List<InvalidValue> broken = violations(values);
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        values = List.copyOf(values);
    }

    public static Scopes of(String... values) {
        return new Scopes(List.of(values));
    }

    /**
     * Every rule the given tokens break, each naming its field ({@code authentication.scopes[3]} for
     * one token, {@code authentication.scopes} for the list), so that all can be reported at once.
     */
    public static List<InvalidValue> violations(List<String> values) {
        List<InvalidValue> broken = new ArrayList<>();
        if (values.size() > MAX_COUNT) {
            broken.add(new InvalidValue(FIELD, "must hold at most " + MAX_COUNT + " scopes"));
        }
        // Past the most a list may hold, tokens are not checked one by one: the list is refused anyway,
        // and the answer stays as short as the longest list allowed.
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < Math.min(values.size(), MAX_COUNT); i++) {
            String field = FIELD + "[" + i + "]";
            String token = values.get(i);
            String rule = tokenRule(token);
            if (rule != null) {
                broken.add(new InvalidValue(field, rule));
                continue;
            }
            Integer first = firstIndex.putIfAbsent(token, i);
            if (first != null) {
                broken.add(new InvalidValue(field, "must not repeat " + FIELD + "[" + first + "]"));
            }
        }
        return broken;
    }

    /** The rule a token breaks, or null when it is a scope token. */
    private static String tokenRule(String token) {
        if (token == null) {
            return "must be a string";
        }
        if (token.isEmpty()) {
            return "must not be empty";
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return "must be at most " + MAX_TOKEN_LENGTH + " characters";
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') {
                return "must be a scope token: printable ASCII without space, '\"' or '\\'";
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The value of the {@code scope} request parameter: the tokens separated by single spaces. */
    public String asParameter() {
        return String.join(" ", values);
    }

    @Override
    public String toString() {
        return asParameter();
    }
}
