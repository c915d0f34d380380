package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.PlainSecret;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token endpoint granted. The refresh token and the lifetime are optional in OAuth 2.0; a
 * refresh answer without a refresh token keeps the one already held.
 */
public record TokenGrant(PlainSecret accessToken, Optional<PlainSecret> refreshToken, Optional<Duration> expiresIn) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        expiresIn = expiresIn == null ? Optional.empty() : expiresIn;
    }

    @Override
    public String toString() {
        return "TokenGrant[(tokens hidden), expiresIn=" + expiresIn.orElse(null) + "]";
    }
}
