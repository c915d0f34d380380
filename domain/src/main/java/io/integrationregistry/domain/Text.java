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

    static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
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
