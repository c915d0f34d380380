package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2.0 {@code state} the service handed out, kept only as a hash of its value, bound to the
 * user and integration it was issued for.
 */
public record AuthorizationState(String stateHash, IntegrationId integration, CompanyId company, String user,
                                 Instant expiresAt) {

    public AuthorizationState {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
