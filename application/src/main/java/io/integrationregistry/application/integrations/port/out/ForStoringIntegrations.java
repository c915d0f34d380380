package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationId;

import java.util.List;
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
    CommandOutcome execute(IntegrationCommand command, OptionalLong expectedVersion, Origin origin);

    Optional<StoredIntegration> load(IntegrationId id);

    /**
     * The sequence number of the integration's last event, without loading it: one indexed lookup,
     * so that a caller holding the integration at some version can tell whether it is still current.
     */
    OptionalLong currentVersion(IntegrationId id);

    /** Every event of the integration, oldest first, as recorded (never from a snapshot). */
    List<RecordedEvent> history(IntegrationId id);
}
