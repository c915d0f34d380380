package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** What administrators read about their company's integrations. */
public interface ForReadingIntegrations {

    IntegrationPage list(CompanyId company, IntegrationQuery query);

    Optional<IntegrationView> find(CompanyId company, IntegrationId id);
}
