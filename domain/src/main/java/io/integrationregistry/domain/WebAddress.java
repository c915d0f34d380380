package io.integrationregistry.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rules every URL of an integration shares: absolute http(s), a host, no user-info, no fragment. */
final class WebAddress {

    static final int MAX_LENGTH = 2_000;

    private WebAddress() {}

    static URI parse(String field, String raw) {
        String value = Text.required(field, raw).strip();
        if (value.isEmpty()) {
            throw new InvalidValue(field, "must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValue(field, "must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException malformed) {
            throw new InvalidValue(field, malformedRule(malformed.getReason()));
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw new InvalidValue(field, "must be an absolute URL such as https://provider.example/api");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidValue(field, "must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidValue(
                    field, "must not contain user-info (credentials belong in the authentication fields)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new InvalidValue(field, "must name a host (internationalised names in their xn-- form)");
        }
        if (uri.getPort() > 65_535) {
            throw new InvalidValue(field, "must use a port between 1 and 65535");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidValue(field, "must not contain a fragment (#...)");
        }
        return uri;
    }

    /**
     * The rule a malformed URL breaks, in words a person reads: the parser's own reason ("Illegal
     * character in authority") names its grammar, not what to change in the text typed.
     */
    static String malformedRule(String reason) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (why.startsWith("illegal character")) {
            return "must be a well-formed URL: it contains a character that is not allowed in a URL, such as a space";
        }
        if (why.startsWith("malformed escape pair")) {
            return "must be a well-formed URL: a % must be followed by two hexadecimal digits";
        }
        if (why.contains("ipv6") || why.contains("ipv4")) {
            return "must be a well-formed URL: the server's IP address is malformed";
        }
        return "must be a well-formed absolute URL such as https://provider.example/api";
    }

    /**
     * The origin of a URL this class accepted: scheme, host and port, lower case, the scheme's default
     * port left out. Two URLs with the same origin reach the same server; a secret is bound to one.
     */
    static String origin(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort =
                port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }

    static boolean isPlainHttp(String url) {
        return url.regionMatches(true, 0, "http:", 0, 5);
    }

    static void requireAllowedScheme(String field, String url, PlainHttp plainHttp) {
        if (isPlainHttp(url) && plainHttp == PlainHttp.REFUSED) {
            throw new InvalidValue(field, "must use https");
        }
    }
}
