package io.integrationregistry.application.connections;

import io.integrationregistry.domain.IntegrationId;

/** The product may use only an active integration; this one is deactivated. */
public final class IntegrationNotActive extends RuntimeException {

    public IntegrationNotActive(IntegrationId id) {
        super(
                "integration " + id.value() + " is not active; an administrator must activate it first",
                null,
                false,
                false);
    }
}
