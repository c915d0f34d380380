package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.application.integrations.port.in.IntegrationPage;

import java.util.List;

/** One page of a company's integrations, sorted by name. */
record IntegrationListResource(List<IntegrationResource> items, int page, int size, long total) {

    static IntegrationListResource of(IntegrationPage page) {
        return new IntegrationListResource(
                page.items().stream().map(IntegrationResource::of).toList(), page.page(), page.size(), page.total());
    }
}
