package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * The feeds of the read models being rebuilt: each has a tracking processor of its own, named after the served
 * one's with {@link #SUFFIX}, that only runs while a rebuild is under way (see {@link AxonProjectionReplays})
 * and writes only into the model being rebuilt. The served models' processors are never stopped nor reset.
 */
final class RebuildFeeds {

    static final String SUFFIX = "-rebuild";
    static final String INTEGRATION_LIST = IntegrationListFeed.PROCESSING_GROUP + SUFFIX;
    static final String AUDIT_TRAIL = AuditTrailFeed.PROCESSING_GROUP + SUFFIX;

    private RebuildFeeds() {}

    @ProcessingGroup(INTEGRATION_LIST)
    static final class IntegrationList {

        private final ForRebuildingAReadModel model;

        IntegrationList(ForRebuildingAReadModel model) {
            this.model = model;
        }

        @EventHandler
        void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
            model.applyToRebuild(RecordedEvents.of(message));
        }
    }

    @ProcessingGroup(AUDIT_TRAIL)
    static final class AuditTrail {

        private final ForRebuildingAReadModel model;

        AuditTrail(ForRebuildingAReadModel model) {
            this.model = model;
        }

        @EventHandler
        void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
            model.applyToRebuild(RecordedEvents.of(message));
        }
    }
}
