package io.integrationregistry.adapters.secrets;

import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Envelope encryption: each integration's secrets and OAuth2 tokens are sealed (AES-256-GCM) by the
 * integration's own data key, which only a master key unwraps. Rotating the master key then means
 * re-wrapping the data keys, never re-sealing a secret kept in an immutable event.
 *
 * <p>The associated data is the integration id for a secret and the connection for a token, as before,
 * so a ciphertext copied onto another integration or connection does not open. A secret whose key id
 * does not start with {@value DataKeys#KEY_ID_PREFIX} was sealed directly by a master key, before data
 * keys existed, and opens with the master keys.
 */
public final class EnvelopeSecretSealer implements ForSealingSecrets {

    private final DataKeys dataKeys;
    private final MasterKeyRing masterKeys;

    public EnvelopeSecretSealer(DataKeys dataKeys, MasterKeyRing masterKeys) {
        this.dataKeys = Objects.requireNonNull(dataKeys, "dataKeys");
        this.masterKeys = Objects.requireNonNull(masterKeys, "masterKeys");
    }

    @Override
    public SealedSecret seal(IntegrationId owner, PlainSecret secret) {
        return sealWith(owner, associatedData(owner), secret, secret.last4());
    }

    @Override
    public PlainSecret open(IntegrationId owner, SealedSecret sealed) {
        return opened(open(owner, associatedData(owner), sealed), "a secret of integration " + owner.value());
    }

    @Override
    public SealedSecret sealToken(ConnectionKey connection, PlainSecret token) {
        // No hint of a token is ever shown, so none is kept.
        return sealWith(connection.integration(), associatedData(connection), token, null);
    }

    @Override
    public PlainSecret openToken(ConnectionKey connection, SealedSecret sealed) {
        return opened(
                open(connection.integration(), associatedData(connection), sealed),
                "a token of a connection to integration "
                        + connection.integration().value());
    }

    @Override
    public boolean holdsSameSecret(IntegrationId owner, SealedSecret sealed, PlainSecret candidate) {
        return TinkAead.holdsExactly(open(owner, associatedData(owner), sealed), candidate);
    }

    private SealedSecret sealWith(IntegrationId owner, byte[] associatedData, PlainSecret secret, String last4) {
        DataKeys.DataKey dataKey = dataKeys.forSealing(owner.value());
        byte[] plaintext = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = dataKey.aead().encrypt(plaintext, associatedData);
            return new SealedSecret(dataKey.keyId(), Base64.getEncoder().encodeToString(ciphertext), last4);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(
                    "sealing a secret failed (" + failure.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The plaintext bytes, or null when the ciphertext does not open for this owner with any key we hold. */
    private byte[] open(IntegrationId integration, byte[] associatedData, SealedSecret sealed) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (!sealed.keyId().startsWith(DataKeys.KEY_ID_PREFIX)) {
            return masterKeys.openDirectlySealed(ciphertext, associatedData);
        }
        Optional<DataKeys.DataKey> dataKey = dataKeys.forOpening(integration.value());
        if (dataKey.isEmpty()) {
            return null;
        }
        try {
            return dataKey.get().aead().decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException doesNotOpen) {
            return null;
        }
    }

    private static PlainSecret opened(byte[] plaintext, String what) {
        if (plaintext == null) {
            throw new SecretUnreadable(what + " does not open with its data key or any configured master key");
        }
        try {
            return PlainSecret.received("secret", new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static byte[] associatedData(IntegrationId owner) {
        return owner.value().getBytes(StandardCharsets.UTF_8);
    }

    /** Distinct from any integration id's associated data: an id never contains a line feed. */
    private static byte[] associatedData(ConnectionKey connection) {
        return ("oauth2-token\n" + connection.integration().value() + "\n" + connection.user())
                .getBytes(StandardCharsets.UTF_8);
    }
}
