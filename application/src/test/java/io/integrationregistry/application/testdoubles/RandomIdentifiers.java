package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.RedirectUri;

import java.util.UUID;

public final class RandomIdentifiers implements ForGeneratingIdentifiers {

    public static final String CALLBACK = "https://registry.example/oauth2/callback/";

    @Override
    public IntegrationId newIntegrationId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    @Override
    public RedirectUri redirectUriFor(IntegrationId id) {
        return new RedirectUri(CALLBACK + id.value());
    }
}
