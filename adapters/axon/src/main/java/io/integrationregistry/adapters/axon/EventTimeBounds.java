package io.integrationregistry.adapters.axon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The times that decide whether a processor can give up on an empty position too early. A reader voids a position
 * it has seen empty, behind a filled one, for {@code gapWait} (see {@link TrackedReads}); the append that took it
 * stores its events within {@code appendTimeout} or fails. So no append that would have succeeded is cut short
 * while {@code gapWait > appendTimeout + MARGIN}, the margin covering the store's own latency. Clocks play no part:
 * both are durations measured on one instance.
 */
record EventTimeBounds(Duration gapWait, Duration appendTimeout) {

    static final Duration MARGIN = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(EventTimeBounds.class);

    EventTimeBounds {
        if (appendTimeout.isZero() || appendTimeout.isNegative()) {
            throw new IllegalArgumentException("registry.axon.append-timeout must be positive, was " + appendTimeout);
        }
    }

    /** Whether the wait covers the append timeout and the margin. */
    boolean hold() {
        return gapWait.compareTo(appendTimeout.plus(MARGIN)) > 0;
    }

    /** Says loudly at start-up when the rule is broken: appends slower than the wait would then fail needlessly. */
    EventTimeBounds checked() {
        if (!hold()) {
            log.error(
                    "registry.axon.gap-wait ({}) must exceed registry.axon.append-timeout ({}) + {}: an append still"
                            + " under way may have its position voided by a reader and fail",
                    gapWait,
                    appendTimeout,
                    MARGIN);
        }
        return this;
    }
}
