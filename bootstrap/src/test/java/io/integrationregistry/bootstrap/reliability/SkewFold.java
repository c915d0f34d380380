package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The event stream as stored ({@code domainevents}), folded per integration in sequence order, and what the two
 * projections should therefore hold: each list entry the fold of its integration's events, one audit entry per
 * event (keyed by the event's id) naming the integration, its version, the kind of event and the integration's
 * name after it. {@code mismatches} compares that with what {@code integration_list} and {@code audit_trail}
 * hold.
 */
final class SkewFold {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int events;
    /** Pairs of consecutive events of one integration that the store's order (timestamp, sequence) reverses. */
    final int reversedPairs;

    private final Map<String, Map<String, Object>> expectedList = new TreeMap<>();
    private final Map<String, Map<String, Object>> expectedAudit = new TreeMap<>();

    private SkewFold(List<Document> stored) {
        events = stored.size();
        Map<String, List<Document>> byIntegration = new TreeMap<>();
        stored.forEach(event -> byIntegration
                .computeIfAbsent(event.getString("aggregateIdentifier"), any -> new ArrayList<>())
                .add(event));
        int reversed = 0;
        for (Map.Entry<String, List<Document>> integration : byIntegration.entrySet()) {
            List<Document> inStoreOrder = integration.getValue();
            List<Document> inSequence = new ArrayList<>(inStoreOrder);
            inSequence.sort(Comparator.comparingLong(SkewFold::sequence));
            for (int i = 1; i < inSequence.size(); i++) {
                if (inSequence
                                .get(i)
                                .getString("timestamp")
                                .compareTo(inSequence.get(i - 1).getString("timestamp"))
                        < 0) {
                    reversed++;
                }
            }
            Map<String, Object> entry = new HashMap<>();
            for (Document event : inSequence) {
                JsonNode payload = payload(event);
                String type = type(event);
                switch (type) {
                    case "ADDED" -> {
                        editable(entry, payload);
                        entry.put("status", payload.path("active").asBoolean() ? "ACTIVE" : "INACTIVE");
                    }
                    case "EDITED" -> editable(entry, payload);
                    case "ACTIVATED" -> entry.put("status", "ACTIVE");
                    case "DEACTIVATED" -> entry.put("status", "INACTIVE");
                    default -> throw new IllegalStateException("unknown event " + event.getString("payloadType"));
                }
                entry.put("version", sequence(event));
                expectedAudit.put(
                        event.getString("eventIdentifier"),
                        Map.of(
                                "integrationId",
                                integration.getKey(),
                                "version",
                                sequence(event),
                                "type",
                                type,
                                "integrationName",
                                entry.get("name")));
            }
            expectedList.put(integration.getKey(), entry);
        }
        reversedPairs = reversed;
    }

    /** Reads the whole stream in the store's own order: by position (a position left void holds no event). */
    static SkewFold of(MongoDatabase database) {
        List<Document> stored = new ArrayList<>();
        database.getCollection("domainevents")
                .find(new Document("aggregateIdentifier", new Document("$exists", true)))
                .sort(new Document("position", 1))
                .into(stored);
        return new SkewFold(stored);
    }

    int integrations() {
        return expectedList.size();
    }

    /** What the list and the trail hold, compared with the fold; empty when they match it exactly. */
    Comparison compare(MongoDatabase database) {
        List<String> mismatches = new ArrayList<>();
        Map<String, Document> listed = new HashMap<>();
        long eventsInList = 0;
        for (Document entry : database.getCollection("integration_list").find()) {
            listed.put(entry.getString("_id"), entry);
            eventsInList += ((Number) entry.get("version")).longValue() + 1;
        }
        for (Map.Entry<String, Map<String, Object>> expected : expectedList.entrySet()) {
            Document entry = listed.get(expected.getKey());
            if (entry == null) {
                mismatches.add("list: " + expected.getKey() + " missing");
                continue;
            }
            Map<String, Object> actual = new HashMap<>();
            for (String field : expected.getValue().keySet()) {
                Object value = entry.get(field);
                actual.put(field, value instanceof Number number ? number.longValue() : value);
            }
            if (!actual.equals(expected.getValue())) {
                mismatches.add(
                        "list: " + expected.getKey() + " is " + actual + ", its events fold to " + expected.getValue());
            }
        }
        listed.keySet().stream()
                .filter(id -> !expectedList.containsKey(id))
                .forEach(id -> mismatches.add("list: " + id + " has no events"));
        int auditEntries = 0;
        Map<String, Document> trail = new HashMap<>();
        for (Document entry : database.getCollection("audit_trail").find()) {
            auditEntries++;
            trail.put(entry.getString("_id"), entry);
        }
        for (Map.Entry<String, Map<String, Object>> expected : expectedAudit.entrySet()) {
            Document entry = trail.get(expected.getKey());
            if (entry == null) {
                mismatches.add("audit: no entry for event " + expected.getKey() + " " + expected.getValue());
                continue;
            }
            Map<String, Object> actual = Map.of(
                    "integrationId",
                    entry.getString("integrationId"),
                    "version",
                    ((Number) entry.get("version")).longValue(),
                    "type",
                    entry.getString("type"),
                    "integrationName",
                    Objects.toString(entry.getString("integrationName")));
            if (!actual.equals(expected.getValue())) {
                mismatches.add(
                        "audit: entry " + expected.getKey() + " is " + actual + ", expected " + expected.getValue());
            }
        }
        trail.keySet().stream()
                .filter(id -> !expectedAudit.containsKey(id))
                .forEach(id -> mismatches.add("audit: entry " + id + " of no event"));
        return new Comparison(eventsInList, auditEntries, mismatches);
    }

    /**
     * What the projections hold against the stream: the events the list reflects (each entry's version + 1, summed),
     * the audit entries, and every difference from the fold.
     */
    record Comparison(long eventsInList, int auditEntries, List<String> mismatches) {}

    private static void editable(Map<String, Object> entry, JsonNode payload) {
        entry.put("name", payload.path("name").asText());
        entry.put("baseApiUrl", payload.path("baseApiUrl").asText());
        entry.put("requestParameters", payload.path("requestParameters").asText());
    }

    private static String type(Document event) {
        String payloadType = event.getString("payloadType");
        String simpleName = payloadType.substring(payloadType.lastIndexOf('$') + 1);
        return switch (simpleName) {
            case "IntegrationAdded" -> "ADDED";
            case "IntegrationEdited" -> "EDITED";
            case "IntegrationActivated" -> "ACTIVATED";
            case "IntegrationDeactivated" -> "DEACTIVATED";
            default -> simpleName;
        };
    }

    private static long sequence(Document event) {
        return ((Number) event.get("sequenceNumber")).longValue();
    }

    private static JsonNode payload(Document event) {
        Object serialized = event.get("serializedPayload");
        try {
            if (serialized instanceof Binary binary) {
                return JSON.readTree(new String(binary.getData(), StandardCharsets.UTF_8));
            }
            if (serialized instanceof Document document) {
                return JSON.readTree(document.toJson());
            }
            return JSON.readTree(String.valueOf(serialized));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
