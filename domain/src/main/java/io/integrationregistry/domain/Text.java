package io.integrationregistry.domain;

/** Checks shared by the textual value objects. */
final class Text {

    private Text() {}

    static String required(String field, String raw) {
        if (raw == null) {
            throw new InvalidValue(field, "is required");
        }
        return raw;
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
    }

    /**
     * Whether the text holds a character that changes the direction in which the text around it is
     * shown: the embeddings and overrides (U+202A to U+202E), the isolates (U+2066 to U+2069) and the
     * invisible marks (U+200E, U+200F, U+061C). In a name they make it read as another name.
     */
    static boolean hasBidirectionalFormatting(String value) {
        return value.codePoints()
                .anyMatch(c -> (c >= 0x202A && c <= 0x202E)
                        || (c >= 0x2066 && c <= 0x2069)
                        || c == 0x200E
                        || c == 0x200F
                        || c == 0x061C);
    }

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    static String trimmedSingleLine(String field, String raw, int maxLength) {
        String value = required(field, raw).strip();
        if (value.isEmpty()) {
            throw new InvalidValue(field, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new InvalidValue(field, "must be at most " + maxLength + " characters");
        }
        if (hasControlCharacter(value)) {
            throw new InvalidValue(field, "must not contain control characters");
        }
        return value;
    }
}
