package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.port.out.ForKeepingTheIntegrationList;
import io.integrationregistry.application.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/** Feeds the integration list read model from its own tracking processor. */
@ProcessingGroup(IntegrationListFeed.PROCESSING_GROUP)
final class IntegrationListFeed {

    static final String PROCESSING_GROUP = "integration-list";

    private final ForKeepingTheIntegrationList list;

    IntegrationListFeed(ForKeepingTheIntegrationList list) {
        this.list = list;
    }

    ForRebuildingAReadModel model() {
        return list;
    }

    @EventHandler
    void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
        list.apply(RecordedEvents.of(message));
    }
}
