package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The same benchmarks on a second JDK, where one is installed ({@code bench.second-jdk}, by default Temurin 25 at
 * {@value #DEFAULT_HOME}; {@code none} to skip it): a child process runs them with the same class path and JVM
 * options, writes its own JSON, and the table shows each figure on both JDKs side by side. On Java 21 and later
 * the service handles requests and provider calls on virtual threads, so this is where that shows.
 */
final class SecondJdk {

    static final String DEFAULT_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    /** Set in the child, so that it does not start a child of its own. */
    static final String CHILD = "bench.second-jdk.child";

    private final Path java;

    private SecondJdk(Path java) {
        this.java = java;
    }

    /** The second JDK to run on, unless this run is on it already or none is installed. */
    static Optional<SecondJdk> find() {
        if (Boolean.getBoolean(CHILD)) {
            return Optional.empty();
        }
        String home = System.getProperty("bench.second-jdk", DEFAULT_HOME).strip();
        if (home.isEmpty() || home.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Path java = Path.of(home, "bin", "java");
        return Files.isExecutable(java) ? Optional.of(new SecondJdk(java)) : Optional.empty();
    }

    /**
     * Runs the figures {@code only} (all when empty) on the second JDK within {@code budgetSeconds}; answers its
     * JSON, or null when it could not run (said on the console).
     */
    JsonNode run(String only, double budgetSeconds, Path output, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("-X") || argument.startsWith("-XX:")) {
                command.add(argument);
            }
        }
        for (String property : List.of("bench.reps", "bench.jfr", "bench.embedded")) {
            String value = System.getProperty(property);
            if (value != null) {
                command.add("-D" + property + "=" + value);
            }
        }
        command.add("-D" + CHILD + "=true");
        command.add("-Dbench.only=" + only);
        command.add(String.format(Locale.ROOT, "-Dbench.budget=%.0f", budgetSeconds));
        command.add("-Dbench.output=" + output);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Benchmarks.class.getName());
        System.out.println("== The same benchmarks on " + java + " (" + only + "), log in " + log + " ==");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor((long) (budgetSeconds * 2) + 120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            System.out.println("the run on " + java + " did not end in time");
            return null;
        }
        if (process.exitValue() != 0 || !Files.exists(output)) {
            System.out.println("the run on " + java + " failed (exit " + process.exitValue() + "); see " + log);
            return null;
        }
        return new ObjectMapper().readTree(output.toFile());
    }

    /** Each figure measured on both JDKs, side by side: its ratio (or its first measure) on each. */
    static List<String> sideBySide(List<Figure> figures, JsonNode second) {
        String firstJava = "Java " + System.getProperty("java.version");
        String vm = second.path("machine").path("java").asText("second JDK");
        String secondJava = "Java " + vm.substring(vm.lastIndexOf(' ') + 1);
        List<String> lines = new ArrayList<>();
        lines.add("== Side by side: " + firstJava + " | " + secondJava + " ==");
        figures.stream()
                .sorted(Comparator.comparing((Figure f) -> f.id).thenComparing(f -> f.target))
                .forEach(figure -> {
                    JsonNode other = null;
                    for (JsonNode candidate : second.path("figures")) {
                        if (candidate.path("id").asText().equals(figure.id)
                                && candidate.path("target").asText().equals(figure.target)
                                && candidate.path("title").asText().equals(figure.title)) {
                            other = candidate;
                        }
                    }
                    lines.add(figure.id + " " + figure.target + " " + figure.title + ": " + value(figure.json())
                            + " | " + (other == null ? "not run" : value(other)) + " (goal " + figure.goalText()
                            + ")");
                });
        return lines;
    }

    private static String value(Object figure) {
        JsonNode json = figure instanceof JsonNode node ? node : new ObjectMapper().valueToTree(figure);
        if (json.hasNonNull("failure")) {
            return "failed";
        }
        if (json.hasNonNull("ratio")) {
            return Format.number(json.path("ratio").asDouble());
        }
        JsonNode measured = json.path("measured");
        return measured.isMissingNode()
                ? "-"
                : Format.number(measured.path("median").asDouble()) + " "
                        + measured.path("unit").asText();
    }
}
