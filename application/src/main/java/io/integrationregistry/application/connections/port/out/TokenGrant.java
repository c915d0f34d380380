package io.integrationregistry.application.connections.port.out;

import io.integrationregistry.domain.PlainSecret;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a token endpoint granted. The refresh token, the lifetime and the scope are optional in OAuth 2.0;
 * a refresh answer without a refresh token keeps the one already held.
 *
 * @param scope the scope the endpoint says it granted (RFC 6749 §5.1), space-separated; empty when it
 *              named none, which means it granted the scope requested (or, on a refresh, the one granted before)
 */
public record TokenGrant(
        PlainSecret accessToken,
        Optional<PlainSecret> refreshToken,
        Optional<Duration> expiresIn,
        Optional<String> scope) {

    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken;
        expiresIn = expiresIn == null ? Optional.empty() : expiresIn;
        scope = scope == null ? Optional.empty() : scope.map(String::strip).filter(granted -> !granted.isEmpty());
    }

    /** A grant that names no scope. */
    public TokenGrant(PlainSecret accessToken, Optional<PlainSecret> refreshToken, Optional<Duration> expiresIn) {
        this(accessToken, refreshToken, expiresIn, Optional.empty());
    }

    @Override
    public String toString() {
        return "TokenGrant[(tokens hidden), expiresIn=" + expiresIn.orElse(null) + ", scope=" + scope.orElse(null)
                + "]";
    }
}
