package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationregistry.application.documents.port.out.SecretMask;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The body of a token endpoint's answer as JSON: RFC 6749 answers JSON, but a few older endpoints answer
 * {@code application/x-www-form-urlencoded}, which is read into the same shape.
 */
final class TokenAnswerBody {

    /** How much of a granted scope is kept: enough for long URL-shaped scopes, bounded all the same. */
    static final int MAX_SCOPE_LENGTH = 2_000;

    /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private TokenAnswerBody() {}

    /**
     * The granted {@code scope} (RFC 6749 §5.1) as space-separated scope tokens, or null when the answer
     * names none. What is not a scope token (control characters, quotes, backslashes, other text) is
     * dropped, as is anything past {@link #MAX_SCOPE_LENGTH} characters or echoing one of our secrets; a
     * JSON array of tokens, which a few endpoints send, is read as well.
     */
    static String scope(JsonNode scope, Collection<String> secrets) {
        if (scope == null || scope.isNull()) {
            return null;
        }
        StringBuilder words = new StringBuilder();
        if (scope.isArray()) {
            scope.forEach(
                    item -> words.append(item.isTextual() ? item.asText() : "").append(' '));
        } else if (scope.isTextual()) {
            words.append(scope.asText());
        }
        StringJoiner granted = new StringJoiner(" ");
        for (String word : words.toString().split("[ \\t\\r\\n]+")) {
            if (SCOPE_TOKEN.matcher(word).matches()
                    && granted.length() + 1 + word.length() <= MAX_SCOPE_LENGTH
                    && SecretMask.mask(word, secrets).equals(word)) {
                granted.add(word);
            }
        }
        return granted.length() == 0 ? null : granted.toString();
    }

    /** The body as a JSON object, or null when it is neither JSON nor a form. */
    static JsonNode read(byte[] body, String contentType) {
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return form(new String(body, StandardCharsets.UTF_8));
        }
        return ProviderJson.tree(body);
    }

    private static JsonNode form(String text) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        try {
            for (String pair : text.strip().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                fields.put(name, value);
            }
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        return fields;
    }
}
