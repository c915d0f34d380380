package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.integrationregistry.bootstrap.reliability.LoadLedger.Effect;
import org.bson.Document;
import org.bson.types.Binary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event stream as stored in {@code domainevents}, read straight from the database, and its fold:
 * what each integration's name, status and version are after each of its events. The read models are
 * checked against this fold, never against what the service itself says.
 */
final class LoadEventStream {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored event; {@code name} is set by additions and edits, {@code status} by additions and status changes. */
    record StoredEvent(String eventId, String integrationId, long sequence, String type, String name, String status) {}

    /** An integration as its events up to some version make it. */
    record Folded(String name, String status, long version) {}

    private final Map<String, List<StoredEvent>> byIntegration;
    private final int events;

    private LoadEventStream(Map<String, List<StoredEvent>> byIntegration, int events) {
        this.byIntegration = byIntegration;
        this.events = events;
    }

    /** The events of the integrations {@code of} accepts (those of a scenario, in a database shared with others). */
    static LoadEventStream read(MongoDatabase database, Predicate<String> of) {
        Map<String, List<StoredEvent>> byIntegration = new TreeMap<>();
        int events = 0;
        // Events only: a position left void holds no event.
        for (Document stored : database.getCollection("domainevents")
                .find(new Document("aggregateIdentifier", new Document("$exists", true)))) {
            String integrationId = stored.getString("aggregateIdentifier");
            if (!of.test(integrationId)) {
                continue;
            }
            events++;
            String payloadType = stored.getString("payloadType");
            String type =
                    payloadType.substring(Math.max(payloadType.lastIndexOf('$'), payloadType.lastIndexOf('.')) + 1);
            JsonNode payload = payload(stored.get("serializedPayload"));
            String name = payload.hasNonNull("name") ? payload.path("name").asText() : null;
            String status = switch (type) {
                case "IntegrationAdded" -> payload.path("active").asBoolean() ? "ACTIVE" : "INACTIVE";
                case "IntegrationActivated" -> "ACTIVE";
                case "IntegrationDeactivated" -> "INACTIVE";
                default -> null;
            };
            byIntegration
                    .computeIfAbsent(integrationId, any -> new ArrayList<>())
                    .add(new StoredEvent(
                            stored.getString("eventIdentifier"),
                            integrationId,
                            ((Number) stored.get("sequenceNumber")).longValue(),
                            type,
                            name,
                            status));
        }
        byIntegration.values().forEach(list -> list.sort(Comparator.comparingLong(StoredEvent::sequence)));
        return new LoadEventStream(byIntegration, events);
    }

    private static JsonNode payload(Object serialized) {
        try {
            if (serialized instanceof String text) {
                return JSON.readTree(text);
            }
            if (serialized instanceof Binary binary) {
                return JSON.readTree(new String(binary.getData(), StandardCharsets.UTF_8));
            }
            if (serialized instanceof byte[] bytes) {
                return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
            }
            if (serialized instanceof Document document) {
                return JSON.readTree(document.toJson());
            }
        } catch (IOException unreadable) {
            throw new AssertionError("unreadable event payload: " + serialized, unreadable);
        }
        throw new AssertionError("unexpected event payload: " + serialized);
    }

    int events() {
        return events;
    }

    Set<String> integrations() {
        return byIntegration.keySet();
    }

    /** (integration, sequence) pairs stored more than once, and integrations whose sequences have gaps. */
    List<String> duplicatesAndGaps() {
        List<String> problems = new ArrayList<>();
        byIntegration.forEach((id, list) -> {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).sequence() != i) {
                    problems.add(id + " has sequence " + list.get(i).sequence() + " as its event " + i
                            + " (a duplicate or a gap)");
                    return;
                }
            }
        });
        return problems;
    }

    /** How many events of the stream carry each event id more than once. */
    List<String> duplicateEventIds() {
        Set<String> seen = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        byIntegration
                .values()
                .forEach(list -> list.forEach(event -> {
                    if (!seen.add(event.eventId())) {
                        duplicates.add(event.eventId());
                    }
                }));
        return duplicates;
    }

    /** The names additions and edits stored. */
    List<String> storedNames() {
        List<String> names = new ArrayList<>();
        byIntegration
                .values()
                .forEach(list -> list.stream()
                        .map(StoredEvent::name)
                        .filter(java.util.Objects::nonNull)
                        .forEach(names::add));
        return names;
    }

    Folded at(String id, long version) {
        String name = null;
        String status = null;
        long last = -1;
        for (StoredEvent event : byIntegration.getOrDefault(id, List.of())) {
            if (event.sequence() > version) {
                break;
            }
            name = event.name() != null ? event.name() : name;
            status = event.status() != null ? event.status() : status;
            last = event.sequence();
        }
        return last < 0 ? null : new Folded(name, status, last);
    }

    Folded last(String id) {
        return at(id, Long.MAX_VALUE);
    }

    // ---------------------------------------------------------------------------------------- the checks

    /**
     * Every acknowledged change is in the stream exactly once, at the version its ETag named, and the
     * stream at that version shows the change (its name, or its status); no (integration, sequence)
     * twice, no gap; no name sent by a command stored twice (so no command took effect twice).
     */
    void assertHoldsEveryAcknowledgedChangeOnce(LoadLedger ledger) {
        assertThat(duplicatesAndGaps())
                .as("duplicate or missing (integration, sequence)")
                .isEmpty();
        assertThat(duplicateEventIds()).as("event ids stored twice").isEmpty();
        List<String> missing = new ArrayList<>();
        ledger.acknowledged()
                .forEach((id, versions) -> versions.forEach((version, effect) -> {
                    Folded folded = at(id, version);
                    if (folded == null || folded.version() != version) {
                        missing.add(id + " version " + version + " acknowledged but not stored");
                    } else if (!shows(folded, effect)) {
                        missing.add(
                                id + " version " + version + " acknowledged as " + effect + " but stored as " + folded);
                    }
                }));
        assertThat(missing)
                .as("acknowledged changes not in the event stream as acknowledged")
                .isEmpty();
        Map<String, Integer> namesStored = new HashMap<>();
        byIntegration
                .values()
                .forEach(list -> list.stream()
                        .filter(event -> event.name() != null)
                        .filter(event -> ledger.sentNames().contains(event.name()))
                        .forEach(event -> namesStored.merge(event.name(), 1, Integer::sum)));
        assertThat(namesStored.entrySet().stream()
                        .filter(entry -> entry.getValue() > 1)
                        .map(Map.Entry::getKey))
                .as("commands (by the name they sent) stored more than once")
                .isEmpty();
    }

    private static boolean shows(Folded folded, Effect effect) {
        return (effect.name() == null || effect.name().equals(folded.name()))
                && (effect.status() == null || effect.status().equals(folded.status()));
    }

    /**
     * How the list ({@code integration_list}) and the audit trail ({@code audit_trail}) differ from the fold
     * of this stream: status, name and version per integration; one audit entry per event, by event id,
     * at the event's version. Empty when they agree.
     */
    List<String> projectionDifferences(MongoDatabase database) {
        List<String> differences = new ArrayList<>();
        Collection<String> ids = byIntegration.keySet();
        Map<String, Document> listed = new HashMap<>();
        for (Document entry : database.getCollection("integration_list")
                .find(new Document("_id", new Document("$in", List.copyOf(ids))))) {
            listed.put(entry.getString("_id"), entry);
        }
        for (String id : ids) {
            Folded folded = last(id);
            Document entry = listed.get(id);
            if (entry == null) {
                differences.add(id + " not listed, folded " + folded);
                continue;
            }
            Folded shown = new Folded(
                    entry.getString("name"), entry.getString("status"), ((Number) entry.get("version")).longValue());
            if (!shown.equals(folded)) {
                differences.add(id + " listed as " + shown + ", folded " + folded);
            }
        }
        Map<String, Long> trail = new HashMap<>();
        int entries = 0;
        for (Document entry : database.getCollection("audit_trail")
                .find(new Document("integrationId", new Document("$in", List.copyOf(ids))))) {
            entries++;
            trail.put(entry.getString("_id"), ((Number) entry.get("version")).longValue());
        }
        int expected = 0;
        for (List<StoredEvent> list : byIntegration.values()) {
            for (StoredEvent event : list) {
                expected++;
                Long version = trail.get(event.eventId());
                if (version == null) {
                    differences.add("no audit entry for event " + event.eventId() + " (" + event.integrationId()
                            + " version " + event.sequence() + ")");
                } else if (version != event.sequence()) {
                    differences.add("audit entry " + event.eventId() + " at version " + version + ", event at "
                            + event.sequence());
                }
            }
        }
        if (entries != expected) {
            differences.add(entries + " audit entries for " + expected + " events");
        }
        return differences;
    }

    /**
     * Waits until the projections equal the fold of the stream as it is now; answers how long that took.
     * Fails with the remaining differences after {@code atMost}.
     */
    static Duration awaitProjectionsCaughtUp(MongoDatabase database, Predicate<String> of, Duration atMost)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        List<String> differences;
        do {
            differences = read(database, of).projectionDifferences(database);
            if (differences.isEmpty()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("projections still differ from the event stream after " + atMost + ": "
                + differences.subList(0, Math.min(20, differences.size())));
    }
}
