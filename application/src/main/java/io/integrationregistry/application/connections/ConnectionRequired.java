package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.domain.IntegrationId;

/** The calling user has no usable OAuth 2.0 connection to this integration's provider. */
public final class ConnectionRequired extends RuntimeException {

    private final IntegrationId integration;
    private final ConnectionStatus status;

    public ConnectionRequired(IntegrationId integration, ConnectionStatus status, String detail) {
        super(detail, null, false, false);
        this.integration = integration;
        this.status = status;
    }

    public IntegrationId integration() {
        return integration;
    }

    public ConnectionStatus status() {
        return status;
    }
}
