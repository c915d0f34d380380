package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.audit.port.out.ForKeepingTheAuditTrail;
import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Feeds the audit trail from its own tracking processor, separate from the list's. */
@ProcessingGroup(AuditTrailFeed.PROCESSING_GROUP)
final class AuditTrailFeed {

    static final String PROCESSING_GROUP = "audit-trail";

    private final ForKeepingTheAuditTrail trail;
    private final ProjectionFeed feed;

    AuditTrailFeed(ForKeepingTheAuditTrail trail, EventStore events, PoisonedEvents poisoned) {
        this.trail = trail;
        this.feed = new ProjectionFeed(
                PROCESSING_GROUP,
                PROCESSING_GROUP,
                trail::apply,
                trail::applyAll,
                trail::appliedVersions,
                events,
                poisoned);
    }

    ForRebuildingAReadModel model() {
        return trail;
    }

    @EventHandler
    void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
        feed.handle(RecordedEvents.of(message));
    }
}
