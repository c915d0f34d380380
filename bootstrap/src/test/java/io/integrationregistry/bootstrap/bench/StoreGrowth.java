package io.integrationregistry.bootstrap.bench;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.domain.CompanyId;

import java.util.ArrayList;
import java.util.List;

/**
 * B8: how the cost of an operation grows with the store. The p50 of an edit through the REST API ({@code PUT}, one
 * client, one at a time, as B9 edits) and of a gateway call ({@code files} of an API-key integration through the
 * service to a local provider stub, as B5 calls it, one client, one at a time), with {@value #LARGE} events stored,
 * each divided by the same with {@value #SMALL} stored (goal at most {@value #GOAL} for each). The small store is
 * measured first, before the other figures grow it ({@link #small()}), the larger one later ({@link #large()}),
 * each topped up with seeded histories.
 */
final class StoreGrowth {

    static final long SMALL = 1_000;
    static final long LARGE = 40_000;
    static final double GOAL = 1.3;
    private static final int EVENTS_EACH = 10;
    private static final int WARM_UP_EDITS = 50;
    private static final int WARM_UP_CALLS = 100;
    private static final int EDITS_PER_RUN = 20;
    private static final int CALLS_PER_RUN = 40;

    /** One store's figures: the events it held, each run's p50 of the edits and of the gateway calls. */
    private record Measured(long events, List<Double> editP50, List<Double> callP50) {}

    /** A recording of the edits on the large store, taken when their ratio misses its goal. */
    private Profiler.Summary editProfile;

    private final Bench bench;
    private final CompanyId company = new CompanyId("bench-growth");
    private final String run = Long.toString(System.nanoTime(), 36);
    private Measured small;
    private boolean smallFailed;
    /** Edits answered 503, on both stores. */
    private int unavailable;

    StoreGrowth(Bench bench) {
        this.bench = bench;
    }

    /** Measures on a store of {@value #SMALL} events (topped up to that); answers no figure yet. */
    List<Figure> small() {
        smallFailed = true;
        small = measure(SMALL);
        smallFailed = false;
        return List.of();
    }

    /** Measures on a store of {@value #LARGE} events (topped up to that), and answers both ratios. */
    List<Figure> large() {
        if (smallFailed) {
            return List.of();
        }
        if (small == null) {
            throw new IllegalStateException("the small store was not measured");
        }
        long begin = System.nanoTime();
        Measured large = measure(LARGE);
        double seconds = (System.nanoTime() - begin) / 1e9;
        Figure edit = figure(
                "edit: PUT /api/integrations/{id}, one client, one at a time",
                large.editP50,
                small.editP50,
                large,
                "edit",
                seconds);
        edit.profile = editProfile;
        return List.of(
                edit,
                figure(
                        "gateway: GET .../documents/files of an API-key integration, one client, one at a time",
                        large.callP50,
                        small.callP50,
                        large,
                        "gateway call",
                        seconds));
    }

    private Figure figure(
            String what, List<Double> atLarge, List<Double> atSmall, Measured large, String name, double seconds) {
        Figure figure = new Figure("B8", bench.target, "cost growth with the store, " + what)
                .size(large.events, LARGE, "events stored vs " + Format.count(small.events))
                .measured("p50 with " + Format.count(large.events) + " events", Stats.of(atLarge), "ms")
                .baseline("with " + Format.count(small.events), Stats.of(atSmall), "ms");
        figure.ratio(
                name + " p50 large/small",
                figure.measured.median() / figure.baseline.median(),
                Figure.Goal.AT_MOST,
                GOAL);
        figure.sizeDetails.add((name.equals("edit") ? EDITS_PER_RUN : CALLS_PER_RUN) + " per run, after "
                + (name.equals("edit") ? WARM_UP_EDITS : WARM_UP_CALLS) + " to warm up, on each store");
        figure.extra.put("smallStoreEvents", small.events);
        figure.extra.put("largeStoreEvents", large.events);
        figure.notes.add("each run's value is the p50 of its operations; the stores are topped up with seeded "
                + "histories of " + EVENTS_EACH + " events (with their list and audit entries); each store is measured "
                + "on an integration created for it, edited in turn between two addresses");
        figure.extra.put("editsAnswered503", unavailable);
        if (unavailable > 0) {
            figure.sizeDetails.add(unavailable + " edits answered 503 (the database did not answer in time)");
        }
        figure.notes.add("the gateway calls go to fixtures.providers.DocumentProviderStub on loopback, as in B5");
        figure.seconds = seconds;
        return figure;
    }

    private Measured measure(long events) {
        long missing = events - bench.storedEvents();
        if (missing > 0) {
            int integrations = (int) ((missing + EVENTS_EACH - 1) / EVENTS_EACH);
            Seeder.Seeded seeded = bench.seedWithReadModels(() -> bench.seeder.integrations(
                    company, "Growth " + run, integrations, EVENTS_EACH, Seeder.Shape.EDITS_AND_SWITCHES, true));
            bench.log("B8 seeded " + Format.count(seeded.events()) + " events in " + Format.number(seeded.seconds())
                    + " s");
        }
        bench.settle();
        long stored = bench.storedEvents();
        try (DocumentProviderStub stub = DocumentProviderStub.withApiKey(Seeder.API_KEY);
                Http client = bench.service.admin(1)) {
            String name = "B8 " + run + " " + stored;
            Http.Answer added = create(client, name, "https://docs.example/api/v1");
            String[] edited = {added.location(), added.etag()};
            String gateway =
                    create(client, name + " stub", stub.baseApiUrl()).location() + "/documents/files?parentId=%2F";
            edits(client, edited, name, WARM_UP_EDITS);
            calls(client, gateway, WARM_UP_CALLS);
            bench.settle();
            List<Double> editP50 = new ArrayList<>();
            List<Double> callP50 = new ArrayList<>();
            for (int rep = 0; rep < bench.reps(); rep++) {
                editP50.add(Stats.percentileMillis(edits(client, edited, name, EDITS_PER_RUN), 0.5));
                callP50.add(Stats.percentileMillis(calls(client, gateway, CALLS_PER_RUN), 0.5));
            }
            if (small != null) {
                double ratio =
                        Stats.of(editP50).median() / Stats.of(small.editP50()).median();
                if (bench.recordingWanted(ratio > GOAL)) {
                    bench.log("B8 edit ratio " + Format.number(ratio) + ": recording one more run of edits with JFR");
                    editProfile = Profiler.record(
                            bench.jfrFolder,
                            "B8-" + bench.target + "-edit",
                            bench.service.commands(),
                            () -> edits(client, edited, name, EDITS_PER_RUN));
                }
            }
            bench.settle();
            bench.log("B8 with " + Format.count(stored) + " events: edit p50 "
                    + Stats.of(editP50).format("ms") + ", gateway call p50 "
                    + Stats.of(callP50).format("ms"));
            return new Measured(stored, editP50, callP50);
        }
    }

    /**
     * Edits the integration {@code count} times, between two addresses; answers each edit's time. An edit answered
     * {@code 503} (the database did not answer in time) counts with its time, and is reported.
     */
    private long[] edits(Http client, String[] integration, String name, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            Http.Answer answer = client.put(integration[0], """
                    {"name": "%s", "baseApiUrl": "https://docs.example/api/v%d",
                     "authentication": {"type": "API_KEY"}}""".formatted(name, 2 + i % 2), integration[1]);
            nanos[i] = System.nanoTime() - begin;
            if (answer.status() == 503) {
                unavailable++;
                bench.log("B8 an edit answered 503 after " + Format.number(nanos[i] / 1e6) + " ms");
                integration[1] =
                        client.get(integration[0]).requireStatus(200, "GET").etag();
            } else {
                integration[1] = answer.requireStatus(200, "PUT").etag();
            }
        }
        return nanos;
    }

    private static long[] calls(Http client, String path, int count) {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long begin = System.nanoTime();
            client.get(path).requireStatus(200, "the gateway");
            nanos[i] = System.nanoTime() - begin;
        }
        return nanos;
    }

    private static Http.Answer create(Http client, String name, String url) {
        return client.post("/api/integrations", """
                        {"name": "%s", "baseApiUrl": "%s", "active": true,
                         "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, url, Seeder.API_KEY))
                .requireStatus(201, "POST /api/integrations");
    }
}
