package io.integrationregistry.bootstrap.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Unique secrets that must never come back, and a search for them in any text: in plain text (also cut
 * short at either end), URL-encoded, or Base64-encoded (standard or URL-safe, at any alignment, so that
 * a secret inside a larger encoded value such as an HTTP Basic credential is found too).
 */
final class CanaryScanner {

    /** A canary found where it must not be. */
    record Finding(String canary, String where, String form, String excerpt) {

        @Override
        public String toString() {
            return where + ": " + canary + " (" + form + ") in \u00ab" + excerpt + "\u00bb";
        }
    }

    private record Needle(String canary, String text, String form, boolean caseSensitive) {}

    /** Long enough to stay unique; the last four characters of a secret are shown on purpose. */
    private static final int PIECE = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> canaries = new LinkedHashMap<>();
    private final List<Needle> needles = new ArrayList<>();

    /** A new random canary, remembered under the name of the path that uses it. */
    synchronized String newCanary(String path) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        String canary = "canary_" + HexFormat.of().formatHex(random);
        remember(path, canary);
        return canary;
    }

    /** Remembers a secret this test did not make (a token an authorization server issued). */
    synchronized void remember(String name, String secret) {
        if (canaries.containsValue(secret)) {
            return;
        }
        canaries.put(name, secret);
        Set<String> plain = new LinkedHashSet<>();
        plain.add(secret);
        // A JWT's header is the same for every token of its issuer: its signature is what is unique.
        String unique =
                secret.startsWith("eyJ") && secret.chars().filter(c -> c == '.').count() == 2
                        ? secret.substring(secret.lastIndexOf('.') + 1)
                        : secret;
        if (unique.length() >= 2 * PIECE) {
            plain.add(unique.substring(0, PIECE));
            plain.add(unique.substring(unique.length() - PIECE));
        }
        for (String text : plain) {
            needles.add(new Needle(name, text.toLowerCase(Locale.ROOT), "plain", false));
        }
        String urlEncoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        if (!urlEncoded.equals(secret)) {
            needles.add(new Needle(name, urlEncoded.toLowerCase(Locale.ROOT), "URL-encoded", false));
        }
        for (String encoded : base64Forms(secret)) {
            needles.add(new Needle(name, encoded, "Base64", true));
        }
    }

    synchronized int canaryCount() {
        return canaries.size();
    }

    synchronized Map<String, String> canaries() {
        return Map.copyOf(canaries);
    }

    /** Every canary in this text, or none. */
    List<Finding> scan(String where, String text) {
        List<Finding> findings = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return findings;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<Needle> all;
        synchronized (this) {
            all = List.copyOf(needles);
        }
        Set<String> found = new LinkedHashSet<>();
        for (Needle needle : all) {
            int at = needle.caseSensitive() ? text.indexOf(needle.text()) : lower.indexOf(needle.text());
            if (at >= 0 && found.add(needle.canary() + needle.form())) {
                int from = Math.max(0, at - 60);
                int to = Math.min(text.length(), at + needle.text().length() + 60);
                findings.add(new Finding(
                        needle.canary(),
                        where,
                        needle.form(),
                        text.substring(from, to).replaceAll("\\s+", " ")));
            }
        }
        return findings;
    }

    /**
     * The part of the Base64 encoding that depends on the secret's bytes alone, for each of the three
     * positions the secret can start at within a larger encoded value.
     */
    private static Set<String> base64Forms(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + bytes.length];
            System.arraycopy(bytes, 0, shifted, shift, bytes.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int firstGroup = shift == 0 ? 0 : 1;
            int groups = shifted.length / 3;
            String inner = encoded.substring(4 * firstGroup, 4 * groups);
            forms.add(inner);
            forms.add(inner.replace('+', '-').replace('/', '_'));
        }
        return forms;
    }
}
