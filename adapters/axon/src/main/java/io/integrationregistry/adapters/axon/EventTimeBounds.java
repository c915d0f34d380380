package io.integrationregistry.adapters.axon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The times that decide whether a tracking processor can miss an event. A processor that has seen an event
 * stamped T no longer looks at events stamped before T minus {@code lookBack}. An event is stamped as it is
 * stored and stored within {@code appendTimeout} or not at all (see {@link AggregateOrderedStorageStrategy});
 * another instance's clock may be up to {@code clockSkew} ahead. So no event is missed while
 * {@code lookBack > clockSkew + appendTimeout + MARGIN}, the margin covering the store's own latency.
 */
record EventTimeBounds(Duration lookBack, Duration appendTimeout, Duration clockSkew) {

    static final Duration MARGIN = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(EventTimeBounds.class);

    EventTimeBounds {
        if (appendTimeout.isZero() || appendTimeout.isNegative()) {
            throw new IllegalArgumentException("registry.axon.append-timeout must be positive, was " + appendTimeout);
        }
    }

    /** Whether the look-back covers the allowed clock skew, the append timeout and the margin. */
    boolean hold() {
        return lookBack.compareTo(clockSkew.plus(appendTimeout).plus(MARGIN)) > 0;
    }

    /** Says loudly at start-up when the rule is broken: events stored late would then be skipped by the projections. */
    EventTimeBounds checked() {
        if (!hold()) {
            log.error(
                    "registry.axon.look-back ({}) must exceed registry.axon.clock-skew ({}) + registry.axon.append-timeout"
                            + " ({}) + {}: an event stored late may be skipped by the projections until they are rebuilt",
                    lookBack,
                    clockSkew,
                    appendTimeout,
                    MARGIN);
        }
        return this;
    }
}
