package io.integrationregistry.adapters.rest.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The configured {@link JwtDecoder} (which checks the signature, and {@code exp} and {@code nbf} when present)
 * plus the registry's own rules: a token must carry {@code exp}, name one of the configured audiences in
 * {@code aud}, and carry the configured issuer in {@code iss}. A token that breaks one is refused like any
 * invalid token ({@code 401}, {@code error="invalid_token"}).
 */
final class CheckedJwtDecoder implements JwtDecoder {

    static final String AUDIENCES = RegistrySecurityProperties.PREFIX + ".jwt.audiences";
    static final String ISSUER = RegistrySecurityProperties.PREFIX + ".jwt.issuer";
    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final String issuer;
    private final List<String> audiences;

    private CheckedJwtDecoder(JwtDecoder decoder, String issuer, List<String> audiences) {
        this.decoder = decoder;
        this.issuer = issuer;
        this.audiences = audiences;
        this.validator = new DelegatingOAuth2TokenValidator<>(
                CheckedJwtDecoder::expires, this::forUs, new JwtIssuerValidator(issuer));
    }

    /**
     * The decoder with the registry's rules.
     *
     * @param issuerUri Spring's {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, blank when unset
     * @throws IllegalStateException naming the missing settings, so that the service does not start without
     *                               them
     */
    static CheckedJwtDecoder of(JwtDecoder decoder, RegistrySecurityProperties.Jwt settings, String issuerUri) {
        List<String> problems = new ArrayList<>();
        if (settings.audiences().isEmpty()) {
            problems.add(AUDIENCES + " is required with a JWT issuer: the audience(s) the issuer puts in the aud "
                    + "of tokens meant for this service (comma-separated), so that a token issued for another "
                    + "service is refused");
        }
        String issuer = settings.issuer() != null
                ? settings.issuer()
                : issuerUri == null || issuerUri.isBlank() ? null : issuerUri.strip();
        if (issuer == null) {
            problems.add(ISSUER + " (or " + ISSUER_URI + ") is required with a JWT issuer: the iss of the "
                    + "tokens this service accepts, so that a token of another issuer sharing its keys is refused");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid security configuration: " + String.join("; ", problems));
        }
        return new CheckedJwtDecoder(decoder, issuer, settings.audiences());
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = decoder.decode(token);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException("The token is not accepted: " + description, result.getErrors());
        }
        return jwt;
    }

    String issuer() {
        return issuer;
    }

    List<String> audiences() {
        return audiences;
    }

    private static OAuth2TokenValidatorResult expires(Jwt jwt) {
        return jwt.getExpiresAt() != null
                ? OAuth2TokenValidatorResult.success()
                : invalid("The token has no exp: a token that never expires is not accepted");
    }

    private OAuth2TokenValidatorResult forUs(Jwt jwt) {
        List<String> named = jwt.getAudience();
        return named != null && !Collections.disjoint(named, audiences)
                ? OAuth2TokenValidatorResult.success()
                : invalid("The token's aud names none of the audiences of this service");
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
