package io.integrationregistry.application.connections;

import io.integrationregistry.domain.IntegrationId;

/** Connecting applies to OAuth2 integrations only. */
public final class NotAnOAuth2Integration extends RuntimeException {

    public NotAnOAuth2Integration(IntegrationId id) {
        super("integration " + id.value() + " does not use OAuth2; there is nothing to connect", null, false, false);
    }
}
