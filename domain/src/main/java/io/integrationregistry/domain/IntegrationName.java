package io.integrationregistry.domain;

import java.util.Locale;

/** The integration's name: trimmed, 1 to 100 characters, no control characters. */
public record IntegrationName(String value) {

    public static final int MAX_LENGTH = 100;

    public IntegrationName {
        value = Text.trimmedSingleLine("name", value, MAX_LENGTH);
    }

    /** The form under which names are unique within a company: case-insensitive. */
    public String uniquenessKey() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
