package io.integrationregistry.adapters.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The look-back must cover the clock skew, the append timeout and a margin. */
class EventTimeBoundsTest {

    @Test
    void theDefaultsHoldTheRuleThatTheLookBackCoversSkewPlusAppendTimeout() {
        assertThat(new EventTimeBounds(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2)).hold())
                .isTrue();
    }

    @Test
    void aLookBackNoLongerThanSkewPlusAppendTimeoutPlusMarginBreaksTheRule() {
        assertThat(new EventTimeBounds(Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofSeconds(2)).hold())
                .isFalse();
        assertThat(new EventTimeBounds(Duration.ofMillis(4_500), Duration.ofSeconds(2), Duration.ofSeconds(2)).hold())
                .isFalse();
    }

    @Test
    void anAppendTimeoutMustBePositive() {
        assertThatThrownBy(() -> new EventTimeBounds(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
