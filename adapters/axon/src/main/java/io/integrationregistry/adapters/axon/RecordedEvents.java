package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.eventhandling.DomainEventMessage;

final class RecordedEvents {

    private RecordedEvents() {}

    static RecordedEvent of(DomainEventMessage<IntegrationEvent> message) {
        return new RecordedEvent(
                message.getIdentifier(),
                message.getSequenceNumber(),
                AxonIntegrationStore.text(message.getMetaData().get(AxonIntegrationStore.ACTOR)),
                AxonIntegrationStore.text(message.getMetaData().get(AxonIntegrationStore.REQUEST_ID)),
                AxonIntegrationStore.text(message.getMetaData().get(AxonIntegrationStore.SOURCE)),
                message.getPayload());
    }
}
