package io.integrationregistry.application.port.in;

import io.integrationregistry.application.view.IntegrationPage;
import io.integrationregistry.application.view.IntegrationQuery;
import io.integrationregistry.application.view.IntegrationView;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** What administrators read about their company's integrations. */
public interface ForReadingIntegrations {

    IntegrationPage list(CompanyId company, IntegrationQuery query);

    Optional<IntegrationView> find(CompanyId company, IntegrationId id);
}
