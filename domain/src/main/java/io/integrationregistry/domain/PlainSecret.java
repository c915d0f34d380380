package io.integrationregistry.domain;

import java.util.Arrays;

/**
 * A secret as an administrator typed it, on its way to being sealed. It never prints itself, and it
 * refuses a value made only of mask characters, so that a masked placeholder shown by a user
 * interface can never be stored as the secret.
 */
public final class PlainSecret {

    public static final int MAX_LENGTH = 4_096;
    public static final int LENGTH_THAT_SHOWS_LAST4 = 16;
    public static final int MAX_RECEIVED_LENGTH = 16_384;

    private final char[] value;

    private PlainSecret(char[] value) {
        this.value = value;
    }

    public static PlainSecret of(String field, String raw) {
        String value = Text.required(field, raw);
        if (value.isBlank()) {
            throw new InvalidValue(field, "must not be blank; leave it out to keep the stored secret");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidValue(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (Text.hasControlCharacter(value)) {
            throw new InvalidValue(field, "must not contain control characters");
        }
        if (value.chars().allMatch(c -> c == '*' || c == '\u2022' || c == '\u25CF')) {
            throw new InvalidValue(field, "must not be a masked placeholder; leave it out to keep the stored secret");
        }
        return new PlainSecret(value.toCharArray());
    }

    /**
     * A secret the service received rather than one an administrator typed, such as an OAuth 2.0 token
     * or a secret just opened: tokens may be longer, and no mask rule applies.
     */
    public static PlainSecret received(String field, String raw) {
        String value = Text.required(field, raw);
        if (value.isEmpty() || value.length() > MAX_RECEIVED_LENGTH) {
            throw new InvalidValue(field, "must be between 1 and " + MAX_RECEIVED_LENGTH + " characters");
        }
        if (Text.hasControlCharacter(value)) {
            throw new InvalidValue(field, "must not contain control characters");
        }
        return new PlainSecret(value.toCharArray());
    }

    /** The plaintext, for the adapters that seal it or send it to the provider only. */
    public String reveal() {
        return new String(value);
    }

    /** The last four characters, or null when the secret is too short to show any of it. */
    public String last4() {
        String text = reveal();
        return text.codePointCount(0, text.length()) < LENGTH_THAT_SHOWS_LAST4
                ? null
                : text.substring(text.offsetByCodePoints(text.length(), -4));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PlainSecret secret && Arrays.equals(value, secret.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "PlainSecret[(hidden)]";
    }
}
