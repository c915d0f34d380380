package io.integrationregistry.domain;

/** Checks shared by the textual value objects. */
final class Text {

    private Text() {
    }

    static String required(String field, String raw) {
        if (raw == null) {
            throw new InvalidValue(field, "is required");
        }
        return raw;
    }

    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(Character::isISOControl);
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
