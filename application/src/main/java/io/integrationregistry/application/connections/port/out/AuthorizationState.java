package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.SealedSecret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth 2.0 {@code state} the service handed out, kept only as a hash of its value, bound to the
 * user and integration it was issued for, and to the browser that started the flow: the hash of a random
 * value that only that browser holds (in a cookie), which the callback must bring back.
 *
 * @param codeVerifier the PKCE code verifier (RFC 7636) sent at the code exchange, sealed for the user's
 *                     connection like a token; empty for a state stored before the service used PKCE,
 *                     which is refused
 */
public record AuthorizationState(
        String stateHash,
        IntegrationId integration,
        CompanyId company,
        String user,
        Instant expiresAt,
        String browserBindingHash,
        Optional<SealedSecret> codeVerifier) {

    public AuthorizationState {
        Objects.requireNonNull(stateHash, "stateHash");
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(browserBindingHash, "browserBindingHash");
        codeVerifier = codeVerifier == null ? Optional.empty() : codeVerifier;
    }
}
