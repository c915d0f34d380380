package io.integrationregistry.bootstrap.bench;

import java.util.Arrays;
import java.util.List;

/** Median, minimum and maximum of repeated measurements, and percentiles of latencies. */
record Stats(double median, double min, double max, List<Double> values) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, List.of());
        }
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Stats(median(sorted), sorted[0], sorted[sorted.length - 1], List.copyOf(values));
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The q-quantile (0..1) of latencies in nanoseconds, by the nearest-rank method, in milliseconds. */
    static double percentileMillis(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    String format(String unit) {
        return Format.number(median) + " " + unit + " [" + Format.number(min) + ".." + Format.number(max) + "]";
    }
}
