package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.integrations.port.out.ForKeepingTheIntegrationList;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Feeds the integration list read model from its own tracking processor. */
@ProcessingGroup(IntegrationListFeed.PROCESSING_GROUP)
final class IntegrationListFeed {

    static final String PROCESSING_GROUP = "integration-list";

    private final ForKeepingTheIntegrationList list;
    private final ProjectionFeed feed;

    IntegrationListFeed(ForKeepingTheIntegrationList list, EventStore events, PoisonedEvents poisoned) {
        this.list = list;
        this.feed = new ProjectionFeed(
                PROCESSING_GROUP,
                PROCESSING_GROUP,
                list::apply,
                list::applyAll,
                list::appliedVersions,
                events,
                poisoned);
    }

    ForRebuildingAReadModel model() {
        return list;
    }

    @EventHandler
    void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
        feed.handle(RecordedEvents.of(message));
    }
}
