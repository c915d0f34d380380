package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
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

/**
 * Seals secrets with AES-256-GCM through Tink. The integration id is the associated data, so a
 * ciphertext copied onto another integration does not open. Tink prefixes each ciphertext with the id
 * of the key that sealed it, which lets a rotated keyset still open secrets sealed by older keys.
 *
 * <p>This is the format of the secrets sealed before data keys existed, straight by the master keyset;
 * the service now seals with {@link EnvelopeSecretSealer}, which still opens them.
 */
public final class TinkSecretSealer implements ForSealingSecrets {

    private final Aead aead;
    private final String primaryKeyId;

    /** @throws IllegalStateException when the keyset is not an AEAD keyset */
    public TinkSecretSealer(KeysetHandle keyset) {
        Objects.requireNonNull(keyset, "keyset");
        try {
            this.aead = TinkAead.of(keyset);
        } catch (GeneralSecurityException notAead) {
            // No cause: the message of a Tink failure is not ours to vouch for, and key material must not leak.
            throw new IllegalStateException("the secrets keyset is not a usable AEAD keyset ("
                    + notAead.getClass().getSimpleName() + ")");
        }
        // Unsigned, as Tink writes key ids in its JSON keysets, so the id in an event matches the keyset file.
        this.primaryKeyId = Integer.toUnsignedString(keyset.getPrimary().getId());
    }

    @Override
    public SealedSecret seal(IntegrationId owner, PlainSecret secret) {
        return sealWith(associatedData(owner), secret, secret.last4());
    }

    @Override
    public PlainSecret open(IntegrationId owner, SealedSecret sealed) {
        return opened(open(associatedData(owner), sealed), "a secret of integration " + owner.value());
    }

    @Override
    public SealedSecret sealToken(ConnectionKey connection, PlainSecret token) {
        // No hint of a token is ever shown, so none is kept.
        return sealWith(associatedData(connection), token, null);
    }

    @Override
    public PlainSecret openToken(ConnectionKey connection, SealedSecret sealed) {
        return opened(
                open(associatedData(connection), sealed),
                "a token of a connection to integration "
                        + connection.integration().value());
    }

    private SealedSecret sealWith(byte[] associatedData, PlainSecret secret, String last4) {
        byte[] plaintext = secret.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            byte[] ciphertext = aead.encrypt(plaintext, associatedData);
            return new SealedSecret(primaryKeyId, Base64.getEncoder().encodeToString(ciphertext), last4);
        } catch (GeneralSecurityException failure) {
            throw new IllegalStateException(
                    "sealing a secret failed (" + failure.getClass().getSimpleName() + ")");
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    private static PlainSecret opened(byte[] plaintext, String what) {
        if (plaintext == null) {
            throw new SecretUnreadable(what + " does not open with any key of the configured keyset");
        }
        try {
            return PlainSecret.received("secret", new String(plaintext, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public boolean holdsSameSecret(IntegrationId owner, SealedSecret sealed, PlainSecret candidate) {
        return TinkAead.holdsExactly(open(associatedData(owner), sealed), candidate);
    }

    /** The plaintext bytes, or null when the ciphertext does not open for this owner with any key we hold. */
    private byte[] open(byte[] associatedData, SealedSecret sealed) {
        try {
            return aead.decrypt(Base64.getDecoder().decode(sealed.ciphertext()), associatedData);
        } catch (GeneralSecurityException | IllegalArgumentException doesNotOpen) {
            return null;
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
