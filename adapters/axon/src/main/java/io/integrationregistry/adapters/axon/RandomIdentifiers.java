package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.RedirectUri;

import java.net.URI;
import java.util.UUID;

/** Random integration ids; each integration's redirect URI under this service's public URL. */
public final class RandomIdentifiers implements ForGeneratingIdentifiers {

    static final String CALLBACK_PATH = "/oauth2/callback/";

    private final String publicUrl;

    public RandomIdentifiers(URI publicUrl) {
        String url = publicUrl.toString();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public IntegrationId newIntegrationId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    @Override
    public RedirectUri redirectUriFor(IntegrationId id) {
        return new RedirectUri(publicUrl + CALLBACK_PATH + id.value());
    }
}
