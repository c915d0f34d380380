package io.integrationregistry.domain;

import java.util.Objects;

/** One decoded query parameter: a non-empty name and a value (possibly empty). */
public record QueryParameter(String name, String value) {

    public QueryParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new InvalidValue("parameter", "a query parameter needs a name");
        }
        if (Text.hasLoneSurrogate(name) || Text.hasLoneSurrogate(value)) {
            throw new InvalidValue("parameter", "must be valid Unicode text (no unpaired surrogate)");
        }
    }

    /** This parameter as {@code name=value}, percent-encoded per RFC 3986. */
    public String encoded() {
        return PercentEncoding.encode(name) + "=" + PercentEncoding.encode(value);
    }
}
