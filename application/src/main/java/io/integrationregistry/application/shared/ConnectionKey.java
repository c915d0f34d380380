package io.integrationregistry.application.shared;

import io.integrationregistry.domain.IntegrationId;

import java.util.Objects;

/** One user's OAuth 2.0 connection to one integration's provider. */
public record ConnectionKey(IntegrationId integration, String user) {

    public ConnectionKey {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(user, "user");
    }
}
