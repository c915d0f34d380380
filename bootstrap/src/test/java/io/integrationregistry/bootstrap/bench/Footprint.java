package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.domain.CompanyId;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * B7: the service's footprint with many integrations and events stored, each from a fresh JVM (JVM defaults, as
 * the README runs the jar) started on the data the other figures left, topped up with seeded histories: the time
 * from start to healthy (goal {@value #STARTUP_GOAL_SECONDS} s), the time the first {@code GET /api/integrations}
 * then takes (goal {@value #FIRST_LIST_GOAL_SECONDS} s), the process's CPU while idle after that (goal at most
 * {@value #IDLE_CPU_GOAL_PERCENT} % of one core), and heap after a full collection and resident memory.
 */
final class Footprint {

    static final long TABLE_INTEGRATIONS = 100_000;
    static final long TABLE_EVENTS = 1_000_000;
    static final int EVENTS_EACH = 10;
    private static final int PROBE_INTEGRATIONS = 200;
    /** What the embedded default is measured with: 20,000 integrations of 10 events. */
    static final long EMBEDDED_EVENTS = 200_000;

    static final double STARTUP_GOAL_SECONDS = 10;
    static final double FIRST_LIST_GOAL_SECONDS = 2;
    static final double IDLE_CPU_GOAL_PERCENT = 5;
    /**
     * Seconds of the idle window, {@code bench.idleSeconds} (default 60). It is measured in the last fresh JVM
     * only: one such window in each would take longer than the whole run may.
     */
    static final long IDLE_SECONDS = Long.getLong("bench.idleSeconds", 60);
    /** What one fresh JVM is expected to take, without the idle window: start, first list, memory readings. */
    private static final double PROBE_SECONDS = 20;
    /**
     * Fresh JVMs started (no warm-up one: the service the benchmark ran before has just read the same files), the
     * last one also measuring the idle CPU: each start on the embedded default rebuilds its indexes.
     */
    private static final int PROBES = 2;

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
        Seeder.Seeded probe = bench.seedWithReadModels(() -> bench.seeder.integrations(
                company, "Footprint probe", PROBE_INTEGRATIONS, EVENTS_EACH, Seeder.Shape.EDITS_AND_SWITCHES, true));
        long listed = bench.collection("integration_list").estimatedDocumentCount();
        long stored = bench.storedEvents();
        long fixed = bench.options.fixedSize("B7");
        boolean embedded = bench.service.backend() instanceof Backend.Embedded;
        long wanted = Math.max(0, (fixed > 0 ? fixed : TABLE_INTEGRATIONS) - listed);
        if (embedded && fixed == 0) {
            wanted = Math.max(0, (EMBEDDED_EVENTS - stored + EVENTS_EACH - 1) / EVENTS_EACH);
        }
        long toSeed = wanted;
        // On MongoDB the table's size is seeded for as long as the figure's time allows. The embedded default is
        // seeded towards its size for as long as the run's time allows, less what the fresh JVMs will take: its
        // inserts are slow (each unique-index look-up of its H2 backend serialises the keys it compares).
        long deadline = fixed > 0
                ? Long.MAX_VALUE
                : embedded
                        ? bench.endsAt - (long) ((PROBE_SECONDS * PROBES + IDLE_SECONDS) * 1e9)
                        : System.nanoTime() + (long) (bench.seconds("B7") * 1e9);
        bench.log("B7 seeding " + wanted + " more integrations of " + EVENTS_EACH + " events (at first "
                + Format.number(probe.documentsPerSecond()) + " documents/s)");
        long seedBegin = System.nanoTime();
        Seeder.Seeded seeded = bench.seedWithReadModels(() -> bench.seeder.integrations(
                company, "Footprint", (int) toSeed, EVENTS_EACH, Seeder.Shape.EDITS_AND_SWITCHES, true, deadline));
        double catchUp = (System.nanoTime() - seedBegin) / 1e9 - seeded.seconds();
        bench.log("B7 seeded " + Format.count(seeded.events()) + " events in " + Format.number(seeded.seconds())
                + " s; the projections caught up " + Format.number(catchUp) + " s later");
        listed = bench.collection("integration_list").estimatedDocumentCount();
        stored = bench.storedEvents();
        double seedSeconds = probe.seconds() + seeded.seconds();
        closeService.run();

        List<Double> startup = new ArrayList<>();
        List<Double> firstList = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> rssPeak = new ArrayList<>();
        List<Double> contextReady = new ArrayList<>();
        double idleShare = Double.NaN;
        double idleSeconds = Double.NaN;
        JsonNode last = null;
        // The idle window is recorded (JFR in the probe) as for a miss: whether it misses is known only after it.
        Path idleRecording =
                bench.recordingWanted(true) ? bench.jfrFolder.resolve("B7-" + bench.target + "-idle.jfr") : null;
        if (idleRecording != null) {
            Files.createDirectories(bench.jfrFolder);
        }
        for (int run = 1; run <= PROBES; run++) {
            JsonNode result = probeProcess(run == PROBES ? IDLE_SECONDS : 0, run == PROBES ? idleRecording : null);
            last = result;
            startup.add(result.path("startupToHealthyMillis").asDouble() / 1000);
            firstList.add(result.path("firstListMillis").asDouble() / 1000);
            contextReady.add(result.path("startupToContextReadyMillis").asDouble() / 1000);
            heap.add(result.path("heapUsedAfterGcBytes").asDouble() / (1024 * 1024));
            rss.add(result.path("rssBytes").asDouble() / (1024 * 1024));
            rssPeak.add(result.path("rssPeakBytes").asDouble() / (1024 * 1024));
            if (result.has("idleCpuShare")) {
                idleShare = result.path("idleCpuShare").asDouble();
                idleSeconds = result.path("idleSeconds").asDouble();
            }
        }
        Stats startupStats = Stats.of(startup);
        Stats firstListStats = Stats.of(firstList);
        Figure figure = new Figure("B7", bench.target, "footprint: a fresh JVM started on the stored data")
                .size(listed, TABLE_INTEGRATIONS, "integrations")
                .measured("start-up to healthy", startupStats, "s");
        figure.ratio("start-up to healthy s", startupStats.median(), Figure.Goal.AT_MOST, STARTUP_GOAL_SECONDS);
        figure.sizeDetails.add(Format.count(stored) + " events (table: " + Format.count(TABLE_EVENTS) + ")");
        if (embedded && fixed == 0) {
            figure.sizeDetails.add("the embedded default is seeded towards " + Format.count(EMBEDDED_EVENTS)
                    + " events for as long as the run's time allows (seeding "
                    + Format.number(seeded.events() / Math.max(seeded.seconds(), 1e-9))
                    + " events/s with their read models); the table's size "
                    + "is for MongoDB");
        }
        boolean listMet = firstListStats.median() <= FIRST_LIST_GOAL_SECONDS;
        boolean idleMet = idleShare * 100 <= IDLE_CPU_GOAL_PERCENT;
        if (!listMet) {
            figure.missedGoals.add("first list");
        }
        if (!idleMet) {
            figure.missedGoals.add("idle CPU");
        }
        Stats heapStats = Stats.of(heap);
        Stats rssStats = Stats.of(rss);
        figure.extraText = "first GET /api/integrations " + firstListStats.format("s") + " (goal <= "
                + Format.number(FIRST_LIST_GOAL_SECONDS) + " s, " + (listMet ? "MET" : "MISSED") + ") | idle CPU "
                + Format.number(idleShare * 100) + " % of one core over " + Format.number(idleSeconds) + " s (goal <= "
                + Format.number(IDLE_CPU_GOAL_PERCENT) + " %, " + (idleMet ? "MET" : "MISSED")
                + ") | heap after full GC "
                + heapStats.format("MB") + " | RSS " + rssStats.format("MB") + " (peak "
                + Format.number(Stats.of(rssPeak).median()) + " MB)";
        figure.extra.put("firstListSeconds", firstListStats.median());
        figure.extra.put("firstListSecondsPerRun", firstList);
        figure.extra.put("idleCpuShareOfOneCore", idleShare);
        figure.extra.put("idleWindowSeconds", idleSeconds);
        figure.extra.put("projectionsCatchUpSeconds", catchUp);
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
                + "start-up from the JVM's start to a healthy /actuator/health; then the first GET /api/integrations "
                + "timed; in the last run only, the process's CPU time (OperatingSystemMXBean#getProcessCpuTime) over "
                + "an idle window after that answer, divided by the window's wall time; then heap through "
                + "MemoryMXBean after System.gc() and RSS from /proc/self/status");
        figure.notes.add("integrations and events above the other figures' were stored straight into the service's "
                + "event, list and audit collections, under their keys and positions, the projections' tokens moved "
                + "past them (see Bench#seedWithReadModels): the fresh JVMs start with no backlog");
        if (idleRecording != null && Files.exists(idleRecording)) {
            figure.profile = Profiler.summarize(idleRecording, idleSeconds, List.of());
            figure.notes.add("the idle window of the last JVM recorded with JFR (profile settings): " + idleRecording);
        }
        figure.seconds = (System.nanoTime() - begin) / 1e9;
        return figure;
    }

    private JsonNode probeProcess(long idleSeconds, Path idleRecording) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-D" + FootprintProbe.IDLE_SECONDS + "=" + idleSeconds,
                "-D" + FootprintProbe.IDLE_RECORDING + "=" + (idleRecording == null ? "" : idleRecording),
                "-cp",
                System.getProperty("java.class.path"),
                FootprintProbe.class.getName()));
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
