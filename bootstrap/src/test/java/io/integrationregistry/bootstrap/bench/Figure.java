package io.integrationregistry.bootstrap.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One line of the table: what was measured against what, at which size, and how it compares with its goal. */
final class Figure {

    /** How a ratio is judged against its goal. */
    enum Goal {
        AT_LEAST(">="),
        AT_MOST("<="),
        REPORT("report");

        final String symbol;

        Goal(String symbol) {
            this.symbol = symbol;
        }
    }

    final String id;
    final String target;
    final String title;
    long size;
    long sizeGoal;
    String sizeUnit = "";
    final List<String> sizeDetails = new ArrayList<>();
    String measuredLabel = "";
    Stats measured;
    String measuredUnit = "";
    String baselineLabel = "";
    Stats baseline;
    String baselineUnit = "";
    final Map<String, Object> extra = new LinkedHashMap<>();
    String extraText = "";
    String ratioName = "";
    double ratio = Double.NaN;
    Goal goal = Goal.REPORT;
    double goalValue = Double.NaN;
    final List<String> notes = new ArrayList<>();
    /** Goals besides the ratio's that were missed, by name (the figure then misses). */
    final List<String> missedGoals = new ArrayList<>();

    Profiler.Summary profile;
    String failure;
    double seconds;
    double othersCpu = Double.NaN;

    Figure(String id, String target, String title) {
        this.id = id;
        this.target = target;
        this.title = title;
    }

    Figure size(long used, long goal, String unit) {
        this.size = used;
        this.sizeGoal = goal;
        this.sizeUnit = unit;
        return this;
    }

    Figure measured(String label, Stats stats, String unit) {
        this.measuredLabel = label;
        this.measured = stats;
        this.measuredUnit = unit;
        return this;
    }

    Figure baseline(String label, Stats stats, String unit) {
        this.baselineLabel = label;
        this.baseline = stats;
        this.baselineUnit = unit;
        return this;
    }

    Figure ratio(String name, double value, Goal goal, double goalValue) {
        this.ratioName = name;
        this.ratio = value;
        this.goal = goal;
        this.goalValue = goalValue;
        return this;
    }

    boolean scaled() {
        return sizeGoal > 0 && size < sizeGoal;
    }

    /** Whether the figure meets its goal; null when it only reports. */
    Boolean met() {
        if (failure != null || !missedGoals.isEmpty()) {
            return false;
        }
        return switch (goal) {
            case AT_LEAST -> ratio >= goalValue;
            case AT_MOST -> ratio <= goalValue;
            case REPORT -> null;
        };
    }

    String goalText() {
        return goal == Goal.REPORT ? "report" : goal.symbol + " " + Format.number(goalValue);
    }

    String sizeText() {
        StringBuilder text =
                new StringBuilder("n=").append(Format.count(size)).append(' ').append(sizeUnit);
        if (sizeGoal > 0) {
            text.append(
                    scaled() ? " (table: " + Format.count(sizeGoal) + "; scaled down to fit)" : " (as in the table)");
        }
        for (String detail : sizeDetails) {
            text.append("; ").append(detail);
        }
        return text.toString();
    }

    String line() {
        StringBuilder line = new StringBuilder();
        line.append(String.format("%-3s %-8s %s | %s", id, target, title, sizeText()));
        if (failure != null) {
            line.append(" | FAILED: ").append(failure);
        }
        if (measured != null) {
            line.append(" | ").append(measuredLabel).append(' ').append(measured.format(measuredUnit));
        }
        if (baseline != null) {
            line.append(" | ").append(baselineLabel).append(' ').append(baseline.format(baselineUnit));
        }
        if (!extraText.isEmpty()) {
            line.append(" | ").append(extraText);
        }
        if (othersCpu >= 0.10) {
            line.append(" | other processes took ")
                    .append(Math.round(othersCpu * 100))
                    .append("% of the CPU");
        }
        Boolean met = met();
        line.append(" | ").append(met == null ? "REPORT" : met ? "MET" : "MISSED");
        line.append(" | ").append(id).append(' ').append(ratioName.isEmpty() ? "" : ratioName + " ");
        if (goal == Goal.REPORT && Double.isNaN(ratio)) {
            line.append("(goal: report)");
        } else {
            line.append("ratio ")
                    .append(Format.number(ratio))
                    .append(" (goal ")
                    .append(goalText())
                    .append(')');
        }
        return line.toString();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("target", target);
        json.put("title", title);
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("used", this.size);
        size.put("table", sizeGoal > 0 ? sizeGoal : null);
        size.put("unit", sizeUnit);
        size.put("scaledDown", scaled());
        size.put("details", sizeDetails);
        json.put("size", size);
        if (measured != null) {
            json.put("measured", stats(measuredLabel, measured, measuredUnit));
        }
        if (baseline != null) {
            json.put("baseline", stats(baselineLabel, baseline, baselineUnit));
        }
        json.put("extra", extra);
        json.put("ratioName", ratioName);
        json.put("ratio", Double.isNaN(ratio) ? null : ratio);
        json.put("goal", goalText());
        json.put("met", met());
        json.put("missedGoals", missedGoals);
        json.put("line", line());
        json.put("notes", notes);
        json.put("seconds", seconds);
        json.put("otherProcessesCpuShare", Double.isNaN(othersCpu) ? null : othersCpu);
        if (failure != null) {
            json.put("failure", failure);
        }
        if (profile != null) {
            json.put("profile", profile.json());
        }
        return json;
    }

    private static Map<String, Object> stats(String label, Stats stats, String unit) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("label", label);
        json.put("unit", unit);
        json.put("median", stats.median());
        json.put("min", stats.min());
        json.put("max", stats.max());
        json.put("repetitions", stats.values());
        return json;
    }
}
