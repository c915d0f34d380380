package io.integrationregistry.application.port.in;

import io.integrationregistry.application.documents.ConnectionReport;
import io.integrationregistry.domain.IntegrationId;

import java.util.Optional;

/** Tries an integration's provider before or after it is saved; nothing is stored. */
public interface ForTestingConnections {

    /**
     * Tests a saved integration, or, with {@code typed}, the values being edited on it (a secret left
     * out is the saved one).
     */
    ConnectionReport test(Caller caller, IntegrationId integration, Optional<IntegrationDraft> typed);

    /** Tests values typed for a new integration. */
    ConnectionReport test(Caller caller, IntegrationDraft typed);
}
