package io.integrationregistry.application.projections.port.out;

/**
 * The events a projection could not apply, even after reading the integration's missing events first: each is
 * recorded and skipped, so that one such event never stops the projection's other integrations.
 */
public interface ForCountingPoisonedEvents {

    /** How many events the named projection skipped. */
    long poisoned(String projection);
}
