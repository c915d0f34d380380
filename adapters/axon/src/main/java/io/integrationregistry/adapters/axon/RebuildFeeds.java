package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.projections.port.out.ForRebuildingAReadModel;
import io.integrationregistry.domain.IntegrationEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * The feeds of the read models being rebuilt: each has a tracking processor of its own, named after the served
 * one's with {@link #SUFFIX}, that only runs while a rebuild is under way (see {@link AxonProjectionReplays})
 * and writes only into the model being rebuilt, a processor batch at a time (see {@link ProjectionFeed}; an event
 * the model cannot apply is recorded under the served projection's name and skipped). The served models'
 * processors are never stopped nor reset.
 */
final class RebuildFeeds {

    static final String SUFFIX = "-rebuild";
    static final String INTEGRATION_LIST = IntegrationListFeed.PROCESSING_GROUP + SUFFIX;
    static final String AUDIT_TRAIL = AuditTrailFeed.PROCESSING_GROUP + SUFFIX;

    private RebuildFeeds() {}

    private static ProjectionFeed rebuildFeed(
            String projection, String feed, ForRebuildingAReadModel model, PoisonedEvents poisoned) {
        // From the first event, every integration's events arrive in sequence: there is no gap to repair.
        return new ProjectionFeed(
                projection, feed, model::applyToRebuild, model::applyAllToRebuild, null, null, poisoned);
    }

    @ProcessingGroup(INTEGRATION_LIST)
    static final class IntegrationList {

        private final ProjectionFeed feed;

        IntegrationList(ForRebuildingAReadModel model, PoisonedEvents poisoned) {
            this.feed = rebuildFeed(IntegrationListFeed.PROCESSING_GROUP, INTEGRATION_LIST, model, poisoned);
        }

        @EventHandler
        void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
            feed.handle(RecordedEvents.of(message));
        }
    }

    @ProcessingGroup(AUDIT_TRAIL)
    static final class AuditTrail {

        private final ProjectionFeed feed;

        AuditTrail(ForRebuildingAReadModel model, PoisonedEvents poisoned) {
            this.feed = rebuildFeed(AuditTrailFeed.PROCESSING_GROUP, AUDIT_TRAIL, model, poisoned);
        }

        @EventHandler
        void on(IntegrationEvent event, DomainEventMessage<IntegrationEvent> message) {
            feed.handle(RecordedEvents.of(message));
        }
    }
}
