package io.integrationregistry.application.audit;

import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.SealedSecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the audit trail compares between two versions of an integration, flat. A secret is kept only
 * as a fingerprint of its ciphertext, enough to tell that it was replaced and nothing about its value.
 * The scopes are kept as the space-separated list the provider is sent (null when there are none), so
 * that a change of them, their order included, shows as one field change.
 */
public record AuditSubject(
        String name,
        String baseApiUrl,
        String requestParameters,
        IntegrationStatus status,
        String authenticationType,
        String authenticationUrl,
        String tokenEndpointUrl,
        String clientId,
        String redirectUri,
        String scopes,
        String clientSecretSeal,
        String apiKeySeal) {

    static AuditSubject of(
            String name,
            String baseApiUrl,
            String parameters,
            IntegrationStatus status,
            Authentication authentication) {
        // No request parameters is shown as no value, not as an empty one.
        String requestParameters = parameters == null || parameters.isEmpty() ? null : parameters;
        if (authentication instanceof Authentication.OAuth2 oauth2) {
            return new AuditSubject(
                    name,
                    baseApiUrl,
                    requestParameters,
                    status,
                    "OAUTH2",
                    oauth2.authenticationUrl().value(),
                    oauth2.tokenEndpointUrl().value(),
                    oauth2.clientId().value(),
                    oauth2.redirectUri().value(),
                    oauth2.scopes().isEmpty() ? null : oauth2.scopes().asParameter(),
                    seal(oauth2.clientSecret()),
                    null);
        }
        return new AuditSubject(
                name,
                baseApiUrl,
                requestParameters,
                status,
                "API_KEY",
                null,
                null,
                null,
                null,
                null,
                null,
                seal(((Authentication.ApiKey) authentication).apiKey()));
    }

    AuditSubject withStatus(IntegrationStatus newStatus) {
        return new AuditSubject(
                name,
                baseApiUrl,
                requestParameters,
                newStatus,
                authenticationType,
                authenticationUrl,
                tokenEndpointUrl,
                clientId,
                redirectUri,
                scopes,
                clientSecretSeal,
                apiKeySeal);
    }

    private static String seal(SealedSecret secret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(secret.keyId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(secret.ciphertext().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", unavailable);
        }
    }
}
