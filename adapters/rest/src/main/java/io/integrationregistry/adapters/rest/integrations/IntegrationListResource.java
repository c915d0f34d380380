package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.application.documents.port.in.ProviderCallHealth;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.domain.IntegrationId;

import java.util.List;
import java.util.Map;

/** One page of a company's integrations, sorted by name. */
record IntegrationListResource(List<IntegrationResource> items, int page, int size, long total) {

    /** Each integration with its last provider call and health, read for the whole page at once. */
    static IntegrationListResource of(IntegrationPage page, Map<IntegrationId, ProviderCallHealth> health) {
        return new IntegrationListResource(
                page.items().stream()
                        .map(view -> IntegrationResource.of(
                                view,
                                health.getOrDefault(new IntegrationId(view.id()), ProviderCallHealth.NEVER_CALLED)))
                        .toList(),
                page.page(),
                page.size(),
                page.total());
    }
}
