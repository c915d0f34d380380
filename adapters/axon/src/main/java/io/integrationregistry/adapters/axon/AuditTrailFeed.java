package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.port.out.ForKeepingTheAuditTrail;
import io.integrationregistry.application.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/** Feeds the audit trail from its own tracking processor, separate from the list's. */
@ProcessingGroup(AuditTrailFeed.PROCESSING_GROUP)
final class AuditTrailFeed {

    static final String PROCESSING_GROUP = "audit-trail";

    private final ForKeepingTheAuditTrail trail;

    AuditTrailFeed(ForKeepingTheAuditTrail trail) {
        this.trail = trail;
    }

    ForRebuildingAReadModel model() {
        return trail;
    }

    @EventHandler
    void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
        trail.apply(RecordedEvents.of(message));
    }
}
