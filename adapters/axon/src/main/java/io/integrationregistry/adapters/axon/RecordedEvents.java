package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.eventhandling.DomainEventMessage;

final class RecordedEvents {

    private RecordedEvents() {
    }

    static RecordedEvent of(DomainEventMessage<IntegrationEvent> message) {
        Object actor = message.getMetaData().get(AxonIntegrationStore.ACTOR);
        return new RecordedEvent(message.getIdentifier(), message.getSequenceNumber(),
                actor == null ? null : actor.toString(), message.getPayload());
    }
}
