package io.integrationregistry.domain;

import java.text.Normalizer;
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

    /**
     * The form under which names are unique within a company: compatibility-normalised and case-folded,
     * so that names a reader cannot tell apart are one name: composed and decomposed accents, full-width
     * and ordinary letters, "straße" and "STRASSE".
     */
    public String uniquenessKey() {
        return keyOf(value);
    }

    /** The uniqueness key of any text: {@link #fold} of it, trimmed. */
    public static String keyOf(String text) {
        return fold(text).strip();
    }

    /**
     * NFKC, then full case folding, then NFKC again. Java has no case fold of its own: upper-casing
     * first expands the letters whose capital is several letters ("ß" to "SS"), lower-casing then
     * brings every form of a letter to one, and the last NFKC recomposes what casing decomposed.
     */
    public static String fold(String text) {
        String compatible = Normalizer.normalize(text, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }

    @Override
    public String toString() {
        return value;
    }
}
