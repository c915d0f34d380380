package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The body of a token endpoint's answer as JSON: RFC 6749 answers JSON, but a few older endpoints answer
 * {@code application/x-www-form-urlencoded}, which is read into the same shape.
 */
final class TokenAnswerBody {

    private TokenAnswerBody() {}

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
