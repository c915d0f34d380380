package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.RedirectUri;

import java.time.Instant;

/**
 * An integration id reserved for the caller's company, with the OAuth2 redirect URI the integration
 * created under it will have, so that it can be registered at the provider before the first save.
 */
public record ReservedId(IntegrationId integrationId, RedirectUri redirectUri, Instant expiresAt) {}
