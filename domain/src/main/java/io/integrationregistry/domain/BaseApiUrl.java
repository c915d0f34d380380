package io.integrationregistry.domain;

import java.net.URI;

/**
 * Where the provider's API lives: an absolute http(s) URL with a host, without user-info, query or
 * fragment, kept without a trailing slash so that endpoint names can be appended after one.
 * The canonical constructor accepts both schemes so that stored history always loads;
 * {@link #of(String, PlainHttp)} is the gate for new values.
 */
public record BaseApiUrl(String value) {

    private static final String FIELD = "baseApiUrl";

    public BaseApiUrl {
        URI uri = WebAddress.parse(FIELD, value);
        if (uri.getRawQuery() != null) {
            throw new InvalidValue(FIELD, "must not contain a query; put it in requestParameters");
        }
        value = withoutTrailingSlashes(value.strip());
    }

    public static BaseApiUrl of(String raw, PlainHttp plainHttp) {
        BaseApiUrl url = new BaseApiUrl(raw);
        WebAddress.requireAllowedScheme(FIELD, url.value, plainHttp);
        return url;
    }

    /** Scheme, host and port (the default port left out), such as {@code https://provider.example}. */
    public String origin() {
        return WebAddress.origin(value);
    }

    public boolean usesPlainHttp() {
        return WebAddress.isPlainHttp(value);
    }

    private static String withoutTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }

    @Override
    public String toString() {
        return value;
    }
}
