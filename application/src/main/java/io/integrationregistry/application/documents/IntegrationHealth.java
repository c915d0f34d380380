package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.Health;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary.RecentCall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An integration's health, judged from its recent calls (those that ended last, oldest first) that
 * started within the last 15 minutes, the window:
 * <ul>
 *   <li>{@link Health#UNKNOWN} when no call started in the window;</li>
 *   <li>{@link Health#FAILING} when the window's last 5 calls all failed, or when at least half of its calls
 *       failed and it holds at least 10;</li>
 *   <li>{@link Health#DEGRADED} when, short of failing, its last call failed or at least a fifth (20 %) of its
 *       calls did;</li>
 *   <li>{@link Health#HEALTHY} otherwise.</li>
 * </ul>
 * A call failed when its outcome counts against health (the provider failed to serve it), not when the
 * provider merely said no to that request.
 */
public final class IntegrationHealth {

    /** How far back the calls judged go. */
    public static final Duration WINDOW = Duration.ofMinutes(15);

    static final int LAST_CALLS_ALL_FAILED = 5;
    static final int LEAST_CALLS_FOR_HALF = 10;

    private final Clock clock;

    public IntegrationHealth(Clock clock) {
        this.clock = clock;
    }

    public Health of(List<RecentCall> recent) {
        Instant since = clock.instant().minus(WINDOW);
        List<RecentCall> window =
                recent.stream().filter(call -> !call.at().isBefore(since)).toList();
        if (window.isEmpty()) {
            return Health.UNKNOWN;
        }
        int calls = window.size();
        long failed = window.stream().filter(RecentCall::failed).count();
        boolean lastFewAllFailed = calls >= LAST_CALLS_ALL_FAILED
                && window.subList(calls - LAST_CALLS_ALL_FAILED, calls).stream().allMatch(RecentCall::failed);
        if (lastFewAllFailed || (calls >= LEAST_CALLS_FOR_HALF && failed * 2 >= calls)) {
            return Health.FAILING;
        }
        if (window.get(calls - 1).failed() || failed * 5 >= calls) {
            return Health.DEGRADED;
        }
        return Health.HEALTHY;
    }
}
