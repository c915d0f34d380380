package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationCommand.ActivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.AddIntegration;
import io.integrationregistry.domain.IntegrationCommand.DeactivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.EditIntegration;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationState;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

/**
 * Hosts the pure {@link IntegrationDecider} in Axon: each command handler checks the expected version,
 * asks the decider for events and applies them; the one event-sourcing handler folds them back with
 * {@code evolve}. Every other handler may create the aggregate, so that a command on an integration that
 * does not exist reaches the decider and is refused by its rule rather than by the framework.
 */
@Aggregate(
        type = "Integration",
        snapshotTriggerDefinition = AxonMongoConfiguration.SNAPSHOT_TRIGGER,
        commandTargetResolver = AxonMongoConfiguration.COMMAND_TARGET_RESOLVER)
@Revision(AxonIntegration.SNAPSHOT_REVISION)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE)
class AxonIntegration {

    /**
     * The shape of this class, and so of its snapshots. Any change to the fields of the aggregate or of the
     * state records raises it: snapshots of another revision are then ignored (see {@link #SNAPSHOTS}) and the
     * aggregate is loaded from its events, until the snapshot trigger writes one of the new shape.
     */
    static final String SNAPSHOT_REVISION = "2";

    /** Loads a snapshot only if it was written in this class's current shape. */
    static final SnapshotFilter SNAPSHOTS = snapshot -> !AxonIntegration.class
                    .getName()
                    .equals(snapshot.getPayload().getType().getName())
            || SNAPSHOT_REVISION.equals(snapshot.getPayload().getType().getRevision());

    static final String EXPECTED_VERSION = "expectedVersion";
    static final long NO_EVENTS_YET = -1;

    // Axon reads the aggregate identifier reflectively, through the annotation.
    @SuppressWarnings("UnusedVariable")
    @AggregateIdentifier
    private String id;

    private IntegrationState state = IntegrationDecider.initialState();

    AxonIntegration() {
        // for Axon and for snapshots
    }

    // An addition names a new identifier: nothing is loaded for it. Should the identifier be stored already
    // (a retry meeting its first attempt), the append of its first event conflicts with the stored one.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    CommandOutcome handle(AddIntegration command, MetaData metaData) {
        return decide(command, metaData);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(EditIntegration command, MetaData metaData) {
        return decide(command, metaData);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(ActivateIntegration command, MetaData metaData) {
        return decide(command, metaData);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    CommandOutcome handle(DeactivateIntegration command, MetaData metaData) {
        return decide(command, metaData);
    }

    @EventSourcingHandler
    void on(IntegrationEvent event) {
        id = event.integrationId().value();
        state = IntegrationDecider.evolve(state, event);
    }

    IntegrationState state() {
        return state;
    }

    private CommandOutcome decide(IntegrationCommand command, MetaData metaData) {
        Long known = AggregateLifecycle.getVersion();
        long current = known == null ? NO_EVENTS_YET : known;
        Object expected = metaData.get(EXPECTED_VERSION);
        if (expected != null && ((Number) expected).longValue() != current) {
            throw new StaleVersion(command.integrationId().value(), ((Number) expected).longValue(), current);
        }
        List<IntegrationEvent> events = IntegrationDecider.decide(command, state);
        events.forEach(AggregateLifecycle::apply);
        return new CommandOutcome(current + events.size(), !events.isEmpty());
    }
}
