package io.integrationregistry.domain;

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

    public boolean usesPlainHttp() {
        return WebAddress.isPlainHttp(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
