package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationDecider;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationState;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** The aggregate's home in Axon: commands through the command gateway, state from the event store. */
final class AxonIntegrationStore implements ForStoringIntegrations {

    static final String ACTOR = "actor";
    static final String COMPANY = "company";
    static final String REQUEST_ID = "requestId";
    static final String SOURCE = "source";

    private final CommandGateway commands;
    private final EventStore events;

    AxonIntegrationStore(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    @Override
    public CommandOutcome execute(IntegrationCommand command, OptionalLong expectedVersion, Origin origin) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(ACTOR, command.actor().login());
        metaData.put(COMPANY, command.companyId().value());
        metaData.put(REQUEST_ID, origin.requestId());
        metaData.put(SOURCE, origin.source().label());
        expectedVersion.ifPresent(version -> metaData.put(AxonIntegration.EXPECTED_VERSION, version));
        try {
            return commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
        } catch (CommandExecutionException wrapped) {
            throw translate(command, wrapped.getCause() instanceof RuntimeException cause ? cause : wrapped);
        } catch (RuntimeException failure) {
            throw translate(command, failure);
        }
    }

    @Override
    public Optional<StoredIntegration> load(IntegrationId id) {
        try {
            return fold(events.readEvents(id.value()));
        } catch (RuntimeException failure) {
            throw isOutage(failure) ? new StorageUnavailable("the event store cannot be reached", failure) : failure;
        }
    }

    @Override
    public OptionalLong currentVersion(IntegrationId id) {
        try {
            return events.lastSequenceNumberFor(id.value())
                    .map(OptionalLong::of)
                    .orElse(OptionalLong.empty());
        } catch (RuntimeException failure) {
            throw isOutage(failure) ? new StorageUnavailable("the event store cannot be reached", failure) : failure;
        }
    }

    @Override
    public List<RecordedEvent> history(IntegrationId id) {
        try {
            List<RecordedEvent> history = new ArrayList<>();
            events.readEvents(id.value(), 0)
                    .asStream()
                    .forEach(message -> history.add(new RecordedEvent(
                            message.getIdentifier(),
                            message.getSequenceNumber(),
                            message.getTimestamp(),
                            text(message.getMetaData().get(ACTOR)),
                            text(message.getMetaData().get(REQUEST_ID)),
                            text(message.getMetaData().get(SOURCE)),
                            (IntegrationEvent) message.getPayload())));
            return history;
        } catch (RuntimeException failure) {
            throw isOutage(failure) ? new StorageUnavailable("the event store cannot be reached", failure) : failure;
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Optional<StoredIntegration> fold(DomainEventStream stream) {
        IntegrationState state = IntegrationDecider.initialState();
        long version = AxonIntegration.NO_EVENTS_YET;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Object payload = message.getPayload();
            if (payload instanceof AxonIntegration snapshot) {
                state = snapshot.state();
            } else {
                state = IntegrationDecider.evolve(state, (IntegrationEvent) payload);
            }
            version = message.getSequenceNumber();
        }
        return state instanceof Integration integration
                ? Optional.of(new StoredIntegration(integration, version))
                : Optional.empty();
    }

    private static RuntimeException translate(IntegrationCommand command, RuntimeException failure) {
        if (failure instanceof StaleVersion
                || failure instanceof ConcurrencyException
                || failure instanceof AggregateStreamCreationException) {
            return new ConcurrentModification(command.integrationId().value(), failure.getMessage(), failure);
        }
        if (isOutage(failure)) {
            return new StorageUnavailable("the event store cannot be reached", failure);
        }
        return failure;
    }

    static boolean isOutage(Throwable failure) {
        return StorageOutages.isOutage(failure);
    }
}
