package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The service's benchmarks, B1 to B9, in one run: against its embedded default and, when the environment
 * names one in {@code MONGODB_URI}, against that MongoDB too; and, where a second JDK is installed, the figures of
 * the service's speed once more on it (see {@link SecondJdk}). Prints a table and writes it as JSON
 * (see {@link Options} for the settings). Every figure is the median of at least five runs after a
 * warm-up, with their minimum and maximum; sizes that do not fit the time are scaled down and say so.
 *
 * <p>Run: {@code ./mvnw -B -q -pl bootstrap -am -Pbench -DskipTests -Dspotless.check.skip=true verify} from the repository's root.
 */
public final class Benchmarks {

    /**
     * With a second JDK installed, the share of the budget the default one gets; the second runs the figures of
     * the service's own speed ({@link #SECOND_JDK_FIGURES}: commands, HTTP, provider calls), not those bound by the
     * store (B3, B4, B6 to B9), which do not depend on the JDK and take the longest to seed.
     */
    private static final double FIRST_JDK_SHARE = 0.6;

    private static final List<String> SECOND_JDK_FIGURES = List.of("B1", "B2", "B5");

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.fromSystem();
        preloadOwnClasses();
        long begin = System.nanoTime();
        Path targetFolder = options.output().getParent();
        Files.createDirectories(targetFolder);
        Path jfrFolder = targetFolder.resolve("benchmarks-jfr");
        Path childLog = targetFolder.resolve("benchmarks-footprint.log");
        Files.deleteIfExists(childLog);

        List<Backend> backends = new ArrayList<>();
        Path work = Files.createTempDirectory("registry-bench");
        if (options.embedded()) {
            backends.add(new Backend.Embedded(work.resolve("embedded")));
        }
        if (options.mongoUri() != null) {
            backends.add(Backend.External.of(options.mongoUri()));
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: bench.embedded=false and no MONGODB_URI");
        }
        String secondJdkFigures =
                SECOND_JDK_FIGURES.stream().filter(options::includes).collect(Collectors.joining(","));
        // Only a run that will use the second JDK gives it a share of the budget.
        Optional<SecondJdk> secondJdk = secondJdkFigures.isEmpty() ? Optional.empty() : SecondJdk.find();
        double ownBudget = options.budgetSeconds() * (secondJdk.isPresent() ? FIRST_JDK_SHARE : 1);
        double backendSeconds = (ownBudget - 30) / backends.size();
        List<Figure> figures = new ArrayList<>();
        Map<String, Object> startups = new LinkedHashMap<>();
        for (Backend backend : backends) {
            runBackend(backend, options, backendSeconds, jfrFolder, childLog, figures, startups);
        }
        JsonNode second = null;
        if (secondJdk.isPresent()) {
            // Its share of the budget, whatever the first JDK's figures took.
            second = secondJdk
                    .get()
                    .run(
                            secondJdkFigures,
                            options.budgetSeconds() * (1 - FIRST_JDK_SHARE),
                            targetFolder.resolve("benchmarks-second-jdk.json"),
                            targetFolder.resolve("benchmarks-second-jdk.log"));
        }
        double seconds = (System.nanoTime() - begin) / 1e9;

        List<String> table = table(figures, seconds);
        if (second != null) {
            table.add("");
            table.addAll(SecondJdk.sideBySide(figures, second));
        }
        System.out.println();
        table.forEach(System.out::println);
        write(options, figures, startups, seconds, table, second);
        deleteQuietly(work);
        System.exit(0);
    }

    private static void runBackend(
            Backend backend,
            Options options,
            double backendSeconds,
            Path jfrFolder,
            Path childLog,
            List<Figure> figures,
            Map<String, Object> startups) {
        long started = System.nanoTime();
        Service service = Service.start(backend);
        startups.put(backend.name(), (System.nanoTime() - started) / 1e9);
        Bench bench = new Bench(service, options, backendSeconds, jfrFolder, started);
        bench.log("service started in " + Format.number((System.nanoTime() - started) / 1e9) + " s; budget "
                + Format.number(backendSeconds) + " s");
        boolean[] open = {true};
        Runnable close = () -> {
            if (open[0]) {
                open[0] = false;
                service.close();
            }
        };
        try {
            // The order matters: B8 measures on a small store before anything else grows it, and on a larger one
            // once the others have grown it; B4 replays every stored event, so it runs next, on a store of its own
            // size; B7 closes the service to start it anew, so it runs last.
            StoreGrowth growth = new StoreGrowth(bench);
            attempt(bench, figures, "B8", growth::small);
            attempt(bench, figures, "B4", () -> List.of(new ProjectionRebuild(bench).run()));
            attempt(bench, figures, "B9", () -> new CommandCounts(bench).run());
            if (options.includes("B1") || options.includes("B2")) {
                attempt(bench, figures, "B1", () -> new CommandPath(bench).run());
            }
            attempt(bench, figures, "B5", () -> List.of(new GatewayOverhead(bench).run()));
            attempt(bench, figures, "B6", () -> List.of(new ReadPath(bench).run()));
            attempt(bench, figures, "B3", () -> new AggregateLoading(bench).run());
            attempt(bench, figures, "B8", growth::large);
            attempt(bench, figures, "B7", () -> List.of(new Footprint(bench, childLog).run(close)));
        } finally {
            close.run();
            if (backend instanceof Backend.External external) {
                try (MongoClient client = MongoClients.create(external.uri())) {
                    client.getDatabase(external.database()).drop();
                }
            }
        }
    }

    @FunctionalInterface
    private interface Scenario {
        List<Figure> run() throws Exception;
    }

    private static void attempt(Bench bench, List<Figure> figures, String id, Scenario scenario) {
        if (!id.equals("B1") && !bench.options.includes(id)) {
            return;
        }
        bench.log(id + " starting (" + Format.count(bench.storedEvents()) + " events stored)");
        MachineLoad before = MachineLoad.now();
        try {
            List<Figure> measured = scenario.run();
            double others = MachineLoad.now().othersShareSince(before);
            for (Figure figure : measured) {
                figure.othersCpu = others;
                figures.add(figure);
                bench.log(figure.line());
                if (figure.profile != null) {
                    figure.profile.text().forEach(line -> bench.log("  " + line));
                }
            }
        } catch (Exception | AssertionError failed) {
            Figure figure = new Figure(id, bench.target, "could not be measured");
            StringWriter trace = new StringWriter();
            failed.printStackTrace(new PrintWriter(trace));
            figure.failure = failed.toString();
            figure.notes.add(trace.toString());
            figures.add(figure);
            bench.log(id + " FAILED: " + trace);
        }
    }

    private static List<String> table(List<Figure> figures, double seconds) {
        List<String> lines = new ArrayList<>();
        lines.add("== Benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version") + ", " + Instant.now() + ") ==");
        figures.stream()
                .sorted(Comparator.comparing((Figure f) -> f.id).thenComparing(f -> f.target))
                .forEach(figure -> lines.add(figure.line()));
        List<Figure> profiled = figures.stream()
                .filter(f -> f.profile != null)
                .sorted(Comparator.comparing((Figure f) -> f.id))
                .toList();
        if (!profiled.isEmpty()) {
            lines.add("");
            lines.add("== What bounds the figures that missed their goals (one JFR recording each) ==");
            for (Figure figure : profiled) {
                lines.add(figure.id + " " + figure.target + ":");
                figure.profile.text().forEach(line -> lines.add("  " + line));
            }
        }
        lines.add("");
        lines.add(String.format(Locale.ROOT, "total run time %.0f s", seconds));
        return lines;
    }

    private static void write(
            Options options,
            List<Figure> figures,
            Map<String, Object> startups,
            double seconds,
            List<String> table,
            JsonNode secondJdk)
            throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "startedAt",
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())
                        .toString());
        json.put("totalSeconds", seconds);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        json.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("repetitions", options.reps());
        settings.put("budgetSeconds", options.budgetSeconds());
        settings.put("only", options.only());
        settings.put("jfr", options.jfr());
        settings.put("mongodbUri", options.mongoUri() == null ? null : "set");
        json.put("settings", settings);
        json.put("serviceStartSeconds", startups);
        json.put("figures", figures.stream().map(Figure::json).toList());
        json.put("table", table);
        json.put("secondJdk", secondJdk);
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(options.output().toFile(), json);
        System.out.println("written to " + options.output());
    }

    /**
     * Loads every class of this package now, so that a rebuild of the classes folder during a long run
     * (by another build on the same tree) cannot take one away from under it.
     */
    private static void preloadOwnClasses() throws Exception {
        Path folder = Path.of(Benchmarks.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(Benchmarks.class.getPackageName().replace('.', '/'));
        try (Stream<Path> classes = Files.list(folder)) {
            for (Path file :
                    classes.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString();
                Class.forName(
                        Benchmarks.class.getPackageName() + "." + name.substring(0, name.length() - 6),
                        false,
                        Benchmarks.class.getClassLoader());
            }
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (Exception ignored) {
            // a temporary folder left behind
        }
    }
}
