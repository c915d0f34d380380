package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.domain.CompanyId;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * B7: the service's footprint with many integrations and events stored: heap after a full collection,
 * resident memory, and the time from start to healthy, each from a fresh JVM (JVM defaults, as the
 * README runs the jar) started on the data the other figures left, topped up with seeded histories.
 */
final class Footprint {

    static final long TABLE_INTEGRATIONS = 100_000;
    static final long TABLE_EVENTS = 1_000_000;
    static final int EVENTS_EACH = 10;
    private static final int PROBE_INTEGRATIONS = 200;
    /**
     * The embedded server has no secondary indexes: each poll of a tracking processor (events by time)
     * scans the whole event collection; with about 98,000 events a cold start spent minutes in such scans and
     * answered 503 to its first list request. Its store stops here.
     */
    static final long EMBEDDED_EVENTS = 40_000;

    private final Bench bench;
    private final Path logFile;

    Footprint(Bench bench, Path logFile) {
        this.bench = bench;
        this.logFile = logFile;
    }

    /** Seeds, closes the service under test ({@code closeService}), then starts it anew in other processes. */
    Figure run(Runnable closeService) throws Exception {
        long begin = System.nanoTime();
        CompanyId company = new CompanyId("bench-footprint");
        Seeder.Seeded probe = bench.seedThenCatchUp(() -> bench.seeder.integrations(
                company, "Footprint probe", PROBE_INTEGRATIONS, EVENTS_EACH, Seeder.Shape.EDITS_AND_SWITCHES, true));
        long listed = bench.collection("integration_list").estimatedDocumentCount();
        long stored = bench.storedEvents();
        long fixed = bench.options.fixedSize("B7");
        boolean embedded = bench.service.backend() instanceof Backend.Embedded;
        long wanted = Math.max(0, (fixed > 0 ? fixed : TABLE_INTEGRATIONS) - listed);
        if (embedded && fixed == 0) {
            wanted = Math.min(wanted, Math.max(0, (EMBEDDED_EVENTS - stored) / EVENTS_EACH));
        }
        long toSeed = wanted;
        // Seeding slows down as the store grows (on the embedded server), so it stops at a deadline.
        long deadline = fixed > 0 ? Long.MAX_VALUE : System.nanoTime() + (long) (bench.seconds("B7") * 1e9);
        bench.log("B7 seeding up to " + wanted + " more integrations of " + EVENTS_EACH + " events (at first "
                + Format.number(probe.documentsPerSecond()) + " documents/s), for at most "
                + Format.number(bench.seconds("B7")) + " s");
        Seeder.Seeded seeded = bench.seedThenCatchUp(() -> bench.seeder.integrations(
                company, "Footprint", (int) toSeed, EVENTS_EACH, Seeder.Shape.EDITS_AND_SWITCHES, true, deadline));
        listed = bench.collection("integration_list").estimatedDocumentCount();
        stored = bench.storedEvents();
        double seedSeconds = probe.seconds() + seeded.seconds();
        closeService.run();

        List<Double> startup = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> rssPeak = new ArrayList<>();
        List<Double> contextReady = new ArrayList<>();
        JsonNode last = null;
        for (int run = 0; run <= bench.reps(); run++) {
            JsonNode result = probeProcess();
            if (run == 0) {
                continue;
            }
            last = result;
            startup.add(result.path("startupToHealthyMillis").asDouble() / 1000);
            contextReady.add(result.path("startupToContextReadyMillis").asDouble() / 1000);
            heap.add(result.path("heapUsedAfterGcBytes").asDouble() / (1024 * 1024));
            rss.add(result.path("rssBytes").asDouble() / (1024 * 1024));
            rssPeak.add(result.path("rssPeakBytes").asDouble() / (1024 * 1024));
        }
        Figure figure = new Figure("B7", bench.target, "footprint: a fresh JVM started on the stored data")
                .size(listed, TABLE_INTEGRATIONS, "integrations")
                .measured("start-up to healthy", Stats.of(startup), "s");
        figure.sizeDetails.add(Format.count(stored) + " events (table: " + Format.count(TABLE_EVENTS) + ")");
        if (embedded && fixed == 0) {
            figure.sizeDetails.add("the embedded server's store stops at " + Format.count(EMBEDDED_EVENTS)
                    + " events: without secondary indexes each tracking poll scans every event");
        }
        Stats heapStats = Stats.of(heap);
        Stats rssStats = Stats.of(rss);
        figure.extraText = "heap after full GC " + heapStats.format("MB") + " | RSS " + rssStats.format("MB")
                + " (peak " + Format.number(Stats.of(rssPeak).median()) + " MB)";
        figure.extra.put("heapAfterGcMegabytes", heapStats.median());
        figure.extra.put("heapAfterGcMegabytesPerRun", heap);
        figure.extra.put("rssMegabytes", rssStats.median());
        figure.extra.put("rssMegabytesPerRun", rss);
        figure.extra.put("rssPeakMegabytes", Stats.of(rssPeak).median());
        figure.extra.put("contextReadySeconds", Stats.of(contextReady).median());
        figure.extra.put("eventsStored", stored);
        figure.extra.put("integrationsListed", listed);
        figure.extra.put("seedingSeconds", seedSeconds);
        figure.extra.put("lastProbe", last);
        figure.notes.add("each run a new JVM with default options (" + javaExecutable() + "), the service alone in it; "
                + "heap read through MemoryMXBean after System.gc(), RSS from /proc/self/status, once healthy and after "
                + "one GET /api/integrations");
        figure.notes.add("integrations and events above the other figures' were stored straight into the service's "
                + "event and list collections, dated in the past");
        figure.seconds = (System.nanoTime() - begin) / 1e9;
        return figure;
    }

    private JsonNode probeProcess() throws Exception {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-cp", System.getProperty("java.class.path"), FootprintProbe.class.getName()));
        command.addAll(Service.arguments(bench.service.backend(), 0));
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        String found = null;
        try (BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.startsWith(FootprintProbe.PREFIX)) {
                    found = line.substring(FootprintProbe.PREFIX.length());
                }
            }
        }
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the footprint probe did not end");
        }
        if (found == null) {
            throw new IllegalStateException(
                    "the footprint probe answered nothing (exit " + process.exitValue() + "); see " + logFile);
        }
        return new ObjectMapper().readTree(found);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
