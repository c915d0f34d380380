package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The integration list read model, as queries see it. */
public interface ForListingIntegrations {

    IntegrationPage page(CompanyId company, IntegrationQuery query);

    Optional<IntegrationView> find(CompanyId company, IntegrationId id);

    /** Waits until the list shows the integration at {@code version} or later; answers whether it does. */
    boolean awaitVersion(IntegrationId id, long version, Duration timeout);

    /**
     * Brings the integration's entry to its events, oldest first, as the event store holds them: those the list
     * has not applied yet are applied now (applying one twice changes nothing). For an entry the projection left
     * behind, so that the next read shows the integration as it is.
     */
    void catchUp(IntegrationId id, List<RecordedEvent> history);
}
