package io.integrationregistry.domain;

import java.util.Locale;

/**
 * The integration's name: trimmed, 1 to 100 characters, no control characters. A new name must also
 * be free of characters that change the reading direction ({@link #of}); the canonical constructor
 * accepts them so that names stored before that rule still load.
 */
public record IntegrationName(String value) {

    public static final int MAX_LENGTH = 100;

    public IntegrationName {
        value = Text.trimmedSingleLine("name", value, MAX_LENGTH);
    }

    /** The gate for a name given now. */
    public static IntegrationName of(String raw) {
        IntegrationName name = new IntegrationName(raw);
        if (Text.hasBidirectionalFormatting(name.value)) {
            throw new InvalidValue("name", "must not contain characters that change the reading direction");
        }
        return name;
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
