package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;
import java.util.OptionalLong;

/** The event-sourced home of the Integration aggregate: decides commands, loads state. */
public interface ForStoringIntegrations {

    /**
     * Decides the command on the integration's current state and appends the resulting events
     * atomically. Answers the integration's version afterwards and whether anything was appended.
     *
     * @throws ConcurrentModification when {@code expectedVersion} is stale or another writer appended first
     */
    CommandOutcome execute(IntegrationCommand command, OptionalLong expectedVersion);

    Optional<StoredIntegration> load(IntegrationId id);
}
