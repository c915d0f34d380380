package io.integrationregistry.application.port.in;

import io.integrationregistry.domain.IntegrationId;

/** What administrators do with their company's integrations. */
public interface ForManagingIntegrations {

    Receipt add(Caller caller, IntegrationDraft draft, boolean active);

    Receipt edit(Caller caller, IntegrationId id, IntegrationDraft draft, ExpectedVersion expected);

    Receipt activate(Caller caller, IntegrationId id, ExpectedVersion expected);

    Receipt deactivate(Caller caller, IntegrationId id, ExpectedVersion expected);
}
