package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An integration's OAuth 2.0 client as the token endpoint knows it. Its fingerprint changes whenever
 * the client id, the client secret or the token endpoint is edited. A connection is stored under the
 * fingerprint of its integration, which adds the origin of the base URL its tokens are sent to; tokens
 * stored under another fingerprint are void: that is how an edit invalidates the users' connections,
 * and why a token never travels to a provider address other than the one it was obtained for.
 */
final class OAuth2Client {

    private OAuth2Client() {}

    static TokenClient of(IntegrationId id, Authentication.OAuth2 oauth2, ForSealingSecrets secrets) {
        return new TokenClient(oauth2.tokenEndpointUrl(), oauth2.clientId(), secrets.open(id, oauth2.clientSecret()));
    }

    /**
     * A digest of the client id, the token endpoint and the sealed secret. The ciphertext stands for the
     * secret: an edit that keeps the secret keeps its ciphertext, and a new secret is sealed anew.
     */
    static String fingerprint(Authentication.OAuth2 oauth2) {
        return digest(identityOf(oauth2));
    }

    /**
     * The fingerprint a connection to the integration is stored under: the client's, and the origin of
     * the base URL the connection's tokens may be sent to.
     */
    static String fingerprint(Integration integration) {
        Authentication.OAuth2 oauth2 = (Authentication.OAuth2) integration.authentication();
        return digest(
                identityOf(oauth2) + "\nbase-origin " + integration.baseApiUrl().origin());
    }

    private static String identityOf(Authentication.OAuth2 oauth2) {
        return oauth2.clientId().value() + "\n" + oauth2.tokenEndpointUrl().value() + "\n"
                + oauth2.clientSecret().ciphertext();
    }

    private static String digest(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
