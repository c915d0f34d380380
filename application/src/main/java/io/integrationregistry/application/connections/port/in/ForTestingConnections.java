package io.integrationregistry.application.connections.port.in;

import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** Tries an integration's provider before or after it is saved; nothing is stored but the test's record. */
public interface ForTestingConnections {

    /**
     * Tests a saved integration, or, with {@code typed}, the values being edited on it. A secret left out
     * is the saved one, and is sent only to the origin it was saved for: a stored API key to another
     * base URL origin is refused as the edit would be; the user's OAuth2 token is not sent to another
     * base URL origin, and the credential steps say so.
     */
    ConnectionReport test(Caller caller, IntegrationId integration, Optional<IntegrationDraft> typed);

    /** Tests values typed for a new integration. */
    ConnectionReport test(Caller caller, IntegrationDraft typed);
}
