package io.integrationregistry.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A full URL of the provider, such as the OAuth2 authentication or token endpoint: absolute http(s)
 * with a host, no user-info, no fragment; a query is allowed. The canonical constructor accepts both
 * schemes so that stored history always loads; {@link #of(String, String, PlainHttp)} is the gate for
 * new values.
 */
public record WebUrl(String value) {

    public WebUrl {
        value = WebAddress.parse("url", value).toString();
    }

    public static WebUrl of(String field, String raw, PlainHttp plainHttp) {
        WebUrl url;
        try {
            url = new WebUrl(raw);
        } catch (InvalidValue invalid) {
            throw new InvalidValue(field, invalid.rule());
        }
        WebAddress.requireAllowedScheme(field, url.value, plainHttp);
        return url;
    }

    /** Scheme, host and port (the default port left out), such as {@code https://provider.example}. */
    public String origin() {
        return WebAddress.origin(value);
    }

    /**
     * This URL without the query parameters of the given (decoded) name, every other character kept as
     * it was; a pair whose name cannot be decoded is kept.
     */
    public String withoutParameter(String name) {
        int question = value.indexOf('?');
        if (question < 0) {
            return value;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : value.substring(question + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            if (!name.equals(decodedOrNull(equals < 0 ? pair : pair.substring(0, equals)))) {
                kept.add(pair);
            }
        }
        String query = String.join("&", kept);
        return value.substring(0, question) + (query.isEmpty() ? "" : "?" + query);
    }

    private static String decodedOrNull(String encoded) {
        try {
            return PercentEncoding.decode("url", encoded.replace('+', ' '));
        } catch (InvalidValue undecodable) {
            return null;
        }
    }

    public boolean usesPlainHttp() {
        return WebAddress.isPlainHttp(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
