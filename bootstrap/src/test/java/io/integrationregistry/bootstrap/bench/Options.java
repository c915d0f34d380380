package io.integrationregistry.bootstrap.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the benchmarks run, from system properties:
 * <ul>
 * <li>{@code bench.reps}: measured repetitions per figure (default and minimum 5), after one warm-up;</li>
 * <li>{@code bench.budget}: seconds the whole run may take (default 300), shared by the backends; sizes are
 *     scaled down to fit it and printed;</li>
 * <li>{@code bench.only}: a comma-separated list of figures to run (default all: B1..B9), e.g. {@code B8};</li>
 * <li>{@code bench.size.B1} ... {@code bench.size.B7}: a fixed size for a figure instead of the one that fits
 *     (B8 has none: it measures at 1,000 and 40,000 stored events);</li>
 * <li>{@code bench.idleSeconds}: the idle window of B7 in seconds (default 60);</li>
 * <li>{@code bench.jfr}: {@code missed} (default: record a flight recording of each figure that misses its
 *     goal, once), {@code all} or {@code off};</li>
 * <li>{@code bench.embedded}: {@code false} to skip the embedded default (when {@code MONGODB_URI} is set);</li>
 * <li>{@code bench.output}: the JSON file (default {@code target/benchmarks.json}).</li>
 * </ul>
 * The environment variable {@code MONGODB_URI} adds a run against that MongoDB, in a database of its own.
 */
record Options(
        int reps, double budgetSeconds, Set<String> only, String jfr, boolean embedded, String mongoUri, Path output) {

    static Options fromSystem() {
        int reps = Math.max(5, Integer.getInteger("bench.reps", 5));
        double budget = Double.parseDouble(System.getProperty("bench.budget", "300"));
        String only = System.getProperty("bench.only", "");
        Set<String> figures = only.isBlank()
                ? Set.of()
                : Arrays.stream(only.split(","))
                        .map(id -> id.strip().toUpperCase(Locale.ROOT))
                        .collect(Collectors.toSet());
        String jfr = System.getProperty("bench.jfr", "missed").toLowerCase(Locale.ROOT);
        boolean embedded = Boolean.parseBoolean(System.getProperty("bench.embedded", "true"));
        String uri = System.getenv("MONGODB_URI");
        Path output = Path.of(System.getProperty("bench.output", "target/benchmarks.json"))
                .toAbsolutePath();
        return new Options(reps, budget, figures, jfr, embedded, uri == null || uri.isBlank() ? null : uri, output);
    }

    boolean includes(String figure) {
        return only.isEmpty() || only.contains(figure);
    }

    /** A size fixed by {@code bench.size.<figure>}, or 0. */
    long fixedSize(String figure) {
        return Long.getLong("bench.size." + figure, 0L);
    }
}
