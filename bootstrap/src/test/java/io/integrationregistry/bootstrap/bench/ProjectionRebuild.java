package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoCursor;
import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.domain.CompanyId;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * B4: rebuilding both projections (the integration list and the audit trail) from the stored events,
 * as an administrator asks for it, against writing the same number of read-model documents raw, with
 * {@code insertMany} of {@value #RAW_BATCH} into a scratch collection. On the embedded default the rebuild must
 * also replay at least {@value #EMBEDDED_FLOOR} events/s.
 */
final class ProjectionRebuild {

    static final long TABLE_EVENTS = 200_000;
    static final int EVENTS_EACH = 10;
    private static final int PROBE_EVENTS = 1_000;
    private static final List<String> PROJECTIONS = Bench.PROJECTIONS;
    private static final List<String> READ_MODELS = List.of("integration_list", "audit_trail", "audit_subjects");
    private static final String SCRATCH = "bench_raw_write";
    /** The served collection each projection's rebuild is kept under. */
    private static final Map<String, String> READ_MODEL_OF =
            Map.of("integration-list", "integration_list", "audit-trail", "audit_trail");

    static final int RAW_BATCH = 100;
    static final int EMBEDDED_FLOOR = 5_000;

    private final Bench bench;
    private final ForAdministeringProjections administration;
    private final CompanyId company = new CompanyId("bench-replay");

    ProjectionRebuild(Bench bench) {
        this.bench = bench;
        this.administration = bench.service.bean(ForAdministeringProjections.class);
    }

    /** Seconds each projection took, and both together. */
    record Replay(double seconds, Map<String, Double> perProjection) {}

    Figure run() {
        long begin = System.nanoTime();
        Seeder.Seeded probe = seed(PROBE_EVENTS);
        Replay warmUp = replay();
        long stored = bench.storedEvents();
        double perSecond = stored / warmUp.seconds();
        long target = bench.size("B4", perSecond, bench.secondsPerRep("B4"), TABLE_EVENTS, stored);
        Seeder.Seeded rest = seed(target - stored);
        long events = bench.storedEvents();
        long integrations =
                (long) probe.integrations().size() + rest.integrations().size();
        bench.log("B4 at " + events + " stored events (warm-up: " + Format.number(perSecond) + " events/s; seeding: "
                + Format.number((probe.events() + rest.events()) / (probe.seconds() + rest.seconds())) + " events/s)");
        List<Double> replayRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        long documents = 0;
        Map<String, List<Double>> perProjection = new LinkedHashMap<>();
        for (int rep = 0; rep < bench.reps(); rep++) {
            Replay replay = replay();
            verify(events);
            replayRates.add(events / replay.seconds());
            replay.perProjection()
                    .forEach((name, seconds) -> perProjection
                            .computeIfAbsent(name, n -> new ArrayList<>())
                            .add(events / seconds));
            documents = readModelDocuments();
            rawRates.add(events / rawWrite());
        }
        Figure figure = new Figure(
                        "B4", bench.target, "rebuilding the list and audit projections (both replayed at once)")
                .size(events, TABLE_EVENTS, "stored events")
                .measured("replayed", Stats.of(replayRates), "events/s")
                .baseline("raw insertMany of the same read-model documents", Stats.of(rawRates), "events/s");
        figure.sizeDetails.add(Format.count(integrations) + " integrations of " + EVENTS_EACH + " events, "
                + Format.count(documents) + " read-model documents");
        figure.ratio(
                "replay/raw-write", figure.measured.median() / figure.baseline.median(), Figure.Goal.AT_LEAST, 0.5);
        figure.extra.put("floorEventsPerSecond", bench.target.equals("embedded") ? EMBEDDED_FLOOR : null);
        if (bench.target.equals("embedded") && figure.measured.median() < EMBEDDED_FLOOR) {
            figure.failure = "replayed " + Format.number(figure.measured.median()) + " events/s, below the floor of "
                    + Format.count(EMBEDDED_FLOOR) + " events/s on the embedded default";
        }
        perProjection.forEach((name, rates) ->
                figure.extra.put(name + "EventsPerSecond", Stats.of(rates).median()));
        figure.extraText = "alone: "
                + perProjection.entrySet().stream()
                        .map(entry -> entry.getKey() + " "
                                + Format.number(Stats.of(entry.getValue()).median()) + " events/s")
                        .reduce((a, b) -> a + ", " + b)
                        .orElse("");
        figure.notes.add("events stored with the service's serializer under their keys and positions, and worked "
                + "through by the live projections before the first replay; a replay is timed from the rebuild request to both processors reaching the head; each rebuilt "
                + "read model is checked (one list entry per integration, one audit entry per event)");
        figure.notes.add("raw baseline: the rebuilt read-model documents (integration_list, audit_trail, "
                + "audit_subjects) written again into a scratch collection with insertMany of " + RAW_BATCH
                + ", only the writes timed, expressed as the events those documents stand for per second");
        figure.seconds = (System.nanoTime() - begin) / 1e9;
        bench.profileIfMissed(figure, this::replay);
        return figure;
    }

    private Seeder.Seeded seed(long events) {
        int integrations = (int) Math.max(0, events / EVENTS_EACH);
        return bench.seedThenCatchUp(() -> bench.seeder.integrations(
                company,
                "Replay " + System.nanoTime(),
                integrations,
                EVENTS_EACH,
                Seeder.Shape.EDITS_AND_SWITCHES,
                false));
    }

    /**
     * Rebuilds both projections and waits until each has replayed every stored event and its served read
     * model was brought to the rebuilt one.
     */
    Replay replay() {
        long begin = System.nanoTime();
        for (String name : PROJECTIONS) {
            administration.rebuild(name);
        }
        Map<String, Double> done = new LinkedHashMap<>();
        long deadline = begin + Duration.ofMinutes(10).toNanos();
        while (done.size() < PROJECTIONS.size()) {
            for (String name : PROJECTIONS) {
                // The served read model stays full while the rebuild runs beside it: the end is told by the
                // rebuild being finished (the served model brought to the rebuilt one).
                if (!done.containsKey(name) && !rebuilding(name)) {
                    done.put(name, (System.nanoTime() - begin) / 1e9);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay did not end within 10 minutes");
            }
            Bench.sleep(10);
        }
        return new Replay((System.nanoTime() - begin) / 1e9, done);
    }

    /**
     * Whether the projection's rebuild is still under way, read from where every instance follows it (one read by
     * key): the projections' status would count poisoned events and look at the processors on every look, and
     * looking every 10 ms would then load the store the replay writes into.
     */
    private boolean rebuilding(String name) {
        Document state = bench.collection("read_model_rebuilds")
                .find(new Document("_id", READ_MODEL_OF.get(name)))
                .first();
        return state != null && List.of("PREPARING", "REPLAYING", "FINISHING").contains(state.getString("phase"));
    }

    private long aggregates() {
        return bench.collection("domainevents")
                .distinct("aggregateIdentifier", String.class)
                .into(new ArrayList<>())
                .size();
    }

    private void verify(long events) {
        long entries = bench.collection("audit_trail").estimatedDocumentCount();
        long listed = bench.collection("integration_list").estimatedDocumentCount();
        long aggregates = aggregates();
        if (entries != events || listed != aggregates) {
            throw new IllegalStateException("the rebuilt read models are incomplete: " + entries + " audit entries for "
                    + events + " events, " + listed + " list entries for " + aggregates + " integrations");
        }
    }

    private long readModelDocuments() {
        return READ_MODELS.stream()
                .mapToLong(name -> bench.collection(name).countDocuments())
                .sum();
    }

    /** Seconds to write every read-model document again, {@value #RAW_BATCH} a time, into a scratch collection. */
    private double rawWrite() {
        var scratch = bench.collection(SCRATCH);
        long nanos = 0;
        for (String name : READ_MODELS) {
            try (MongoCursor<Document> cursor =
                    bench.collection(name).find().batchSize(1_000).iterator()) {
                List<Document> batch = new ArrayList<>(RAW_BATCH);
                while (cursor.hasNext()) {
                    Document document = cursor.next();
                    document.put("_id", name + "/" + document.get("_id"));
                    batch.add(document);
                    if (batch.size() == RAW_BATCH || !cursor.hasNext()) {
                        long begin = System.nanoTime();
                        scratch.insertMany(batch);
                        nanos += System.nanoTime() - begin;
                        batch = new ArrayList<>(RAW_BATCH);
                    }
                }
            }
        }
        scratch.drop();
        return nanos / 1e9;
    }
}
