package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One connection test, as the audit trail keeps it: who tested what, where the service sent requests
 * (origins only: scheme, host and port, never a path, a query or a credential) and how it ended. A test
 * is not a change, so it is not an event; it is recorded beside the events' entries.
 *
 * @param integration the saved integration tested, empty for values typed for a new one
 * @param origins     the origins the service called, in order, without repeats
 * @param outcome     {@code PASSED}, {@code FAILED} or {@code REFUSED} (the test was not run)
 * @param summary     one human sentence about the outcome; never a secret
 */
public record ConnectionTestRecord(
        String id,
        CompanyId company,
        Optional<IntegrationId> integration,
        String integrationName,
        Actor actor,
        Instant at,
        String requestId,
        String source,
        List<String> origins,
        String outcome,
        String summary) {

    public ConnectionTestRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        integration = integration == null ? Optional.empty() : integration;
        origins = List.copyOf(origins);
        Objects.requireNonNull(outcome, "outcome");
    }
}
