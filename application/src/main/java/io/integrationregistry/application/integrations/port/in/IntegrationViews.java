package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.domain.Integration;

/** An integration as a view, straight from its folded events. */
public final class IntegrationViews {

    private IntegrationViews() {}

    public static IntegrationView of(StoredIntegration stored, String lastChangedBy) {
        Integration integration = stored.integration();
        return new IntegrationView(
                integration.id().value(),
                integration.companyId().value(),
                integration.name().value(),
                integration.baseApiUrl().value(),
                integration.requestParameters().value(),
                integration.status(),
                stored.version(),
                integration.createdAt(),
                integration.updatedAt(),
                lastChangedBy,
                AuthenticationView.of(integration.authentication()));
    }
}
