package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.Health;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary.RecentCall;
import io.integrationregistry.application.testdoubles.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The health rule at its edges: the window, the last five, half of ten, a fifth, the last call. */
class IntegrationHealthTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");

    private final IntegrationHealth health = new IntegrationHealth(new MutableClock(NOW));

    @Test
    void noCallEverIsUnknown() {
        assertThat(health.of(List.of())).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void aCallFifteenMinutesAndOneSecondAgoIsOutsideTheWindow() {
        assertThat(health.of(
                        List.of(new RecentCall(NOW.minus(Duration.ofMinutes(15)).minusSeconds(1), true))))
                .isEqualTo(Health.UNKNOWN);
    }

    @Test
    void aCallExactlyFifteenMinutesAgoIsInsideTheWindow() {
        assertThat(health.of(List.of(new RecentCall(NOW.minus(Duration.ofMinutes(15)), false))))
                .isEqualTo(Health.HEALTHY);
        assertThat(health.of(List.of(new RecentCall(NOW.minus(Duration.ofMinutes(15)), true))))
                .isEqualTo(Health.DEGRADED);
    }

    @Test
    void failuresOlderThanTheWindowAreNotCounted() {
        List<RecentCall> calls = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            calls.add(new RecentCall(NOW.minus(Duration.ofMinutes(20)), true));
        }
        calls.add(new RecentCall(NOW.minusSeconds(5), false));

        assertThat(health.of(calls)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void successesOnlyAreHealthy() {
        assertThat(health.of(calls("ooooo"))).isEqualTo(Health.HEALTHY);
    }

    @Test
    void theLastFiveFailedIsFailing() {
        assertThat(health.of(calls("xxxxx"))).isEqualTo(Health.FAILING);
        assertThat(health.of(calls("oooooooooooooxxxxx"))).isEqualTo(Health.FAILING);
    }

    @Test
    void fourOfTheLastFiveFailedIsOnlyDegraded() {
        assertThat(health.of(calls("xxxx"))).isEqualTo(Health.DEGRADED);
        assertThat(health.of(calls("oxxxx"))).isEqualTo(Health.DEGRADED);
        assertThat(health.of(calls("xxxxo"))).isEqualTo(Health.DEGRADED);
    }

    @Test
    void halfOfTenFailedIsFailing() {
        assertThat(health.of(calls("xoxoxoxoxo"))).isEqualTo(Health.FAILING);
    }

    @Test
    void fiveOfNineFailedIsNotFailingForTooFewCalls() {
        assertThat(health.of(calls("xoxoxoxox"))).isEqualTo(Health.DEGRADED);
        assertThat(health.of(calls("xxxxoooxo"))).isEqualTo(Health.DEGRADED);
    }

    @Test
    void fourOfTenFailedIsNotFailing() {
        assertThat(health.of(calls("xoxoxoxooo"))).isEqualTo(Health.DEGRADED);
    }

    @Test
    void aFifthFailedIsDegradedEvenWhenTheLastCallSucceeded() {
        assertThat(health.of(calls("xoooo"))).isEqualTo(Health.DEGRADED);
        assertThat(health.of(calls("xxxxoooooooooooooooo"))).isEqualTo(Health.DEGRADED);
    }

    @Test
    void lessThanAFifthFailedWithTheLastCallSucceededIsHealthy() {
        // 3 of 16: 18.75 %; 1 of 6: 16.7 %.
        assertThat(health.of(calls("xxxooooooooooooo"))).isEqualTo(Health.HEALTHY);
        assertThat(health.of(calls("xooooo"))).isEqualTo(Health.HEALTHY);
    }

    @Test
    void theLastCallFailedIsDegraded() {
        assertThat(health.of(calls("oooooooooooooooooooox"))).isEqualTo(Health.DEGRADED);
    }

    @Test
    void failuresThatEndedBeforeTheSuccessesStillCountAsTheWindowsShare() {
        // The last five are not all failed, but half of twenty are: failing.
        assertThat(health.of(calls("xxxxxxxxxxoooooooooo"))).isEqualTo(Health.FAILING);
    }

    /** Calls in the order they ended, a second apart, the last just now: {@code x} failed, {@code o} did not. */
    private static List<RecentCall> calls(String pattern) {
        List<RecentCall> calls = new ArrayList<>();
        for (int n = 0; n < pattern.length(); n++) {
            calls.add(new RecentCall(NOW.minusSeconds(pattern.length() - n), pattern.charAt(n) == 'x'));
        }
        return calls;
    }
}
