package io.integrationregistry.application.connections.port.in;

import java.util.List;

/**
 * The result of testing an integration's connection, step by step: {@code reachable} (the provider
 * answers {@code serviceInfo}), {@code authenticated} (it accepts the credentials) and
 * {@code listedRoot} (it lists the root folder).
 */
public record ConnectionReport(boolean ok, List<Step> steps) {

    public ConnectionReport {
        steps = List.copyOf(steps);
    }

    public static ConnectionReport of(List<Step> steps) {
        return new ConnectionReport(steps.stream().noneMatch(step -> step.outcome() == Outcome.FAILED), steps);
    }

    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * @param latencyMillis how long the call took, or null when it was not made
     * @param message       what the provider or the service said, for a human
     */
    public record Step(String name, Outcome outcome, Long latencyMillis, String message) {}
}
