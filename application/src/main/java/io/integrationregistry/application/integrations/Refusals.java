package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;

/**
 * Tells a definite refusal from a failure of unknown outcome. A refusal (an invalid value, a broken
 * rule, a stale version or a concurrent writer) means nothing was stored, so what was reserved for the
 * change may be given back. Any other failure (the store unavailable, a timeout, anything unexpected)
 * may have come after the store wrote the change and before its reply arrived: what was reserved for
 * the change stays, and what was stored is settled by reading it.
 */
final class Refusals {

    private Refusals() {}

    static boolean isDefinite(RuntimeException failure) {
        return failure instanceof InvalidValue
                || failure instanceof IntegrationRuleViolation
                || failure instanceof ConcurrentModification
                || failure instanceof NameAlreadyTaken;
    }
}
