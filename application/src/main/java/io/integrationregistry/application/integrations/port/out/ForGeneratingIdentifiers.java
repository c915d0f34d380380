package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.RedirectUri;

/** New identities: integration ids, and the OAuth2 redirect URI an integration is given. */
public interface ForGeneratingIdentifiers {

    IntegrationId newIntegrationId();

    RedirectUri redirectUriFor(IntegrationId id);
}
