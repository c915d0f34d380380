package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.SecretMask;

import java.util.Collection;

/**
 * Makes text a provider wrote fit to pass on to a human: control and invisible formatting characters
 * gone (so it cannot forge log lines or reorder what is shown), runs of white space made one space,
 * any credential of ours it echoes hidden (in any case, spaced out or reversed: {@link SecretMask}), and cut to a readable length. It stays text: whoever shows
 * it escapes it.
 */
final class ProviderText {

    static final int MAX_LENGTH = 200;
    static final String HIDDEN = SecretMask.HIDDEN;

    private ProviderText() {}

    /** The cleaned text, or null when nothing readable is left. */
    static String clean(String raw, Collection<String> secrets) {
        if (raw == null) {
            return null;
        }
        StringBuilder text = new StringBuilder(Math.min(raw.length(), 4 * MAX_LENGTH));
        boolean pendingSpace = false;
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            int type = Character.getType(codePoint);
            if (Character.isISOControl(codePoint)
                    || Character.isWhitespace(codePoint)
                    || Character.isSpaceChar(codePoint)) {
                pendingSpace = !text.isEmpty();
            } else if (type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                // invisible or meaningless: dropped
            } else {
                if (pendingSpace) {
                    text.append(' ');
                    pendingSpace = false;
                }
                text.appendCodePoint(codePoint);
            }
        }
        String cleaned = SecretMask.mask(text.toString(), secrets);
        return cleaned.isEmpty() ? null : cut(cleaned);
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH - 1)) + "\u2026";
    }
}
