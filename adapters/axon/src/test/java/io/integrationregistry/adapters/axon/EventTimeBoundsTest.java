package io.integrationregistry.adapters.axon;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wait for an empty position must cover the append timeout and a margin. */
class EventTimeBoundsTest {

    @Test
    void theDefaultsHoldTheRuleThatTheGapWaitCoversTheAppendTimeout() {
        assertThat(new EventTimeBounds(Duration.ofSeconds(5), Duration.ofSeconds(2)).hold())
                .isTrue();
    }

    @Test
    void aGapWaitNoLongerThanTheAppendTimeoutPlusMarginBreaksTheRule() {
        assertThat(new EventTimeBounds(Duration.ofSeconds(3), Duration.ofSeconds(3)).hold())
                .isFalse();
        assertThat(new EventTimeBounds(Duration.ofMillis(2_500), Duration.ofSeconds(2)).hold())
                .isFalse();
    }

    @Test
    void anAppendTimeoutMustBePositive() {
        assertThatThrownBy(() -> new EventTimeBounds(Duration.ofSeconds(5), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
