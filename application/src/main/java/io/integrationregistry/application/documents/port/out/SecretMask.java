package io.integrationregistry.application.documents.port.out;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Hides our secrets in text that came from outside (a provider's or token endpoint's error message)
 * before a human sees it. A secret counts as present when its letters and digits appear in order, in
 * any case, with anything but letters and digits between them ({@code A-B-C-D}, {@code a b c d}), or
 * the same backwards: each such stretch of the text becomes {@link #HIDDEN}. Every path by which a
 * provider's text reaches a caller goes through {@link #mask}.
 */
public final class SecretMask {

    public static final String HIDDEN = "(hidden)";

    private SecretMask() {}

    /** The text with every appearance of a secret hidden; null stays null. */
    public static String mask(String text, Collection<String> secrets) {
        if (text == null || secrets == null || secrets.isEmpty()) {
            return text;
        }
        // The letters and digits of the text, folded, each with where it starts and ends in the text.
        StringBuilder folded = new StringBuilder(text.length());
        List<int[]> spans = new ArrayList<>(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (Character.isLetterOrDigit(codePoint)) {
                String lower = fold(codePoint);
                for (int c = 0; c < lower.length(); c++) {
                    folded.append(lower.charAt(c));
                    spans.add(new int[] {i, next});
                }
            }
            i = next;
        }
        boolean[] hidden = new boolean[text.length()];
        boolean any = false;
        for (String secret : secrets) {
            String wanted = letterAndDigitsOf(secret);
            if (wanted.isEmpty()) {
                continue;
            }
            String reversed = new StringBuilder(wanted).reverse().toString();
            for (String form : wanted.equals(reversed) ? List.of(wanted) : List.of(wanted, reversed)) {
                for (int at = folded.indexOf(form); at >= 0; at = folded.indexOf(form, at + 1)) {
                    int from = spans.get(at)[0];
                    int to = spans.get(at + form.length() - 1)[1];
                    for (int i = from; i < to; i++) {
                        hidden[i] = true;
                    }
                    any = true;
                }
            }
        }
        if (!any) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                shown.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                shown.append(HIDDEN);
            }
        }
        return shown.toString();
    }

    private static String letterAndDigitsOf(String secret) {
        if (secret == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(secret.length());
        secret.codePoints().filter(Character::isLetterOrDigit).forEach(c -> kept.append(fold(c)));
        return kept.toString();
    }

    private static String fold(int codePoint) {
        return new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT);
    }
}
