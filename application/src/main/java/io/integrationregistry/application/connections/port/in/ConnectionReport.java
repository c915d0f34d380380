package io.integrationregistry.application.connections.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of testing an integration's connection, step by step:
 * <ul>
 *   <li>{@code reachable}: the provider's host answered HTTP at all, whatever the status;
 *   <li>{@code serviceInfo}: what the provider says about itself. It is optional: a provider that does not
 *       offer it (404, 405, 501) has the step {@code SKIPPED}, not failed;
 *   <li>{@code authenticated}: an authenticated call (the root listing) answered 2xx. 401 and 403 fail it,
 *       and so does 404 on every call, which means the base API URL is probably wrong;
 *   <li>{@code listedRoot}: the provider listed the root folder.
 * </ul>
 * The connection is {@code ok} when the credentials were accepted and the root folder listed.
 */
public record ConnectionReport(boolean ok, List<Step> steps) {

    public static final String REACHABLE = "reachable";
    public static final String SERVICE_INFO = "serviceInfo";
    public static final String AUTHENTICATED = "authenticated";
    public static final String LISTED_ROOT = "listedRoot";

    public ConnectionReport {
        steps = List.copyOf(steps);
    }

    /** A report whose {@code ok} says whether the credentials were accepted and the root folder listed. */
    public static ConnectionReport of(List<Step> steps) {
        boolean authenticated = passed(steps, AUTHENTICATED);
        boolean listed = passed(steps, LISTED_ROOT);
        return new ConnectionReport(authenticated && listed, steps);
    }

    private static boolean passed(List<Step> steps, String name) {
        return steps.stream().anyMatch(step -> step.name().equals(name) && step.outcome() == Outcome.PASSED);
    }

    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * @param latencyMillis how long the call took, or null when it was not made
     * @param message       what the provider or the service said, for a human
     * @param details       what the step found, by name, in order (for serviceInfo: what the provider says
     *                      about itself); empty when there is nothing more than the message
     */
    public record Step(String name, Outcome outcome, Long latencyMillis, String message, Map<String, String> details) {

        public Step {
            details = details == null || details.isEmpty()
                    ? Map.of()
                    : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        }

        public Step(String name, Outcome outcome, Long latencyMillis, String message) {
            this(name, outcome, latencyMillis, message, Map.of());
        }
    }
}
