package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** What administrators do with their company's integrations. */
public interface ForManagingIntegrations {

    /** Adds an integration; with a key, a repeated request returns the first answer and adds nothing. */
    Receipt add(Caller caller, IntegrationDraft draft, boolean active, Optional<IdempotencyKey> idempotencyKey);

    default Receipt add(Caller caller, IntegrationDraft draft, boolean active) {
        return add(caller, draft, active, Optional.empty());
    }

    Receipt edit(Caller caller, IntegrationId id, IntegrationDraft draft, ExpectedVersion expected);

    Receipt activate(Caller caller, IntegrationId id, ExpectedVersion expected);

    Receipt deactivate(Caller caller, IntegrationId id, ExpectedVersion expected);
}
