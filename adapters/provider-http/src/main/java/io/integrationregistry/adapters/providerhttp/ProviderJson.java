package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ServiceInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads providers' JSON tolerantly, since every provider writes it a little differently: unknown fields
 * are ignored, optional fields may be missing, numbers may come as strings and the other way round.
 * Only an answer that is not JSON at all, or that lacks what a call cannot do without (a document's
 * id), is refused.
 */
final class ProviderJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final Pattern INTEGER = Pattern.compile("\\s*-?\\d{1,18}\\s*");
    private static final List<String> LIST_WRAPPERS = List.of("items", "files", "results", "documents");

    private ProviderJson() {}

    /** The answer as a JSON tree, or null when it is empty or not JSON. */
    static JsonNode tree(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException notJson) {
            return null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** A metadata answer, or null when it is not an object with an id. */
    static DocumentMetadata metadata(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String id = text(node.get("id"));
        if (id == null || id.isEmpty()) {
            return null;
        }
        return new DocumentMetadata(
                id,
                text(node.get("title")),
                text(node.get("kind")),
                text(node.get("viewLink")),
                text(node.get("downloadLink")),
                text(node.get("mimeType")),
                ProviderDates.read(node.get("dateModified")),
                size(node.get("size")),
                flag(node.get("readOnly")));
    }

    /** A list answer: an array, or an object wrapping one; null when it is neither or an item has no id. */
    static List<DocumentMetadata> metadataList(JsonNode node) {
        JsonNode array = node;
        if (node != null && node.isObject()) {
            array = LIST_WRAPPERS.stream()
                    .map(node::get)
                    .filter(value -> value != null && value.isArray())
                    .findFirst()
                    .orElse(null);
        }
        if (array == null || !array.isArray()) {
            return null;
        }
        List<DocumentMetadata> items = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            DocumentMetadata item = metadata(element);
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return List.copyOf(items);
    }

    /** A serviceInfo answer, or null when it is not an object. */
    static ServiceInfo serviceInfo(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        List<String> endpoints = new ArrayList<>();
        JsonNode available = node.get("availableEndpoints");
        if (available != null && available.isArray()) {
            for (JsonNode endpoint : available) {
                String name = endpoint.isObject() ? text(endpoint.get("name")) : text(endpoint);
                if (name != null) {
                    endpoints.add(name);
                }
            }
        }
        List<Object> actions = new ArrayList<>();
        JsonNode custom = node.get("customActions");
        if (custom != null && custom.isArray()) {
            for (JsonNode action : custom) {
                actions.add(MAPPER.convertValue(action, Object.class));
            }
        }
        return new ServiceInfo(
                text(node.get("webhookVersion")),
                text(node.get("version")),
                text(node.get("publisher")),
                endpoints,
                actions);
    }

    /**
     * The answer of upload ({@code result}) or delete and rename ({@code status}); either field is read
     * for any of them. Null when the answer says neither.
     */
    static OperationResult operation(JsonNode node, Collection<String> secrets) {
        if (node == null || !node.isObject()) {
            return null;
        }
        String outcome = text(node.get("result"));
        if (outcome == null) {
            outcome = text(node.get("status"));
        }
        if (outcome == null) {
            return null;
        }
        String normalised = outcome.strip().toLowerCase(Locale.ROOT);
        if (normalised.equals("success") || normalised.equals("ok")) {
            return OperationResult.succeeded();
        }
        String reason = ProviderText.clean(errorMessage(node), secrets);
        return new OperationResult(false, reason == null ? ProviderText.clean(outcome, secrets) : reason);
    }

    /** The {@code error} (or {@code message}) string of an error answer, uncleaned, or null. */
    static String errorMessage(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (String field : List.of("error", "message")) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        // Some providers nest it: {"error": {"message": "..."}}.
        JsonNode error = node.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual()) {
            return error.get("message").asText();
        }
        return null;
    }

    /** A string, or a number or boolean as text; null for anything else. */
    static String text(JsonNode value) {
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return value.asText();
    }

    /** A non-negative whole number, or a string of one; null otherwise. */
    static Long wholeNumber(JsonNode value) {
        if (value == null) {
            return null;
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.asLong();
        } else if (value.isFloatingPointNumber() && value.canConvertToLong()) {
            number = (long) value.asDouble();
        } else if (value.isTextual() && INTEGER.matcher(value.asText()).matches()) {
            number = Long.parseLong(value.asText().strip());
        }
        return number == null || number < 0 ? null : number;
    }

    private static Long size(JsonNode value) {
        return wholeNumber(value);
    }

    private static Boolean flag(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber()) {
            return value.asLong() != 0;
        }
        if (value.isTextual()) {
            String text = value.asText().strip().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("1") || text.equals("yes")) {
                return true;
            }
            if (text.equals("false") || text.equals("0") || text.equals("no")) {
                return false;
            }
        }
        return null;
    }
}
