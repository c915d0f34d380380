package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Objects;

/**
 * An OAuth 2.0 {@code state} the service handed out, kept only as a hash of its value, bound to the
 * user and integration it was issued for, and to the browser that started the flow: the hash of a random
 * value that only that browser holds (in a cookie), which the callback must bring back.
 */
public record AuthorizationState(
        String stateHash,
        IntegrationId integration,
        CompanyId company,
        String user,
        Instant expiresAt,
        String browserBindingHash) {

    public AuthorizationState {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(browserBindingHash, "browserBindingHash");
    }
}
