package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.integrationregistry.domain.PlainSecret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/** The one place that talks to Tink's registry, so AEAD registration happens once and cannot be forgotten. */
final class TinkAead {

    static {
        try {
            // Both generateNew and getPrimitive(RegistryConfiguration) need the AEAD key managers registered.
            AeadConfig.register();
        } catch (GeneralSecurityException failure) {
            throw new ExceptionInInitializerError(
                    "cannot register Tink AEAD (" + failure.getClass().getSimpleName() + ")");
        }
    }

    private TinkAead() {}

    /** @throws GeneralSecurityException when the keyset holds no AEAD key Tink can use */
    static Aead of(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static KeysetHandle newAes256GcmKeyset() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    }

    /** Parses a Tink JSON keyset; the caller must never let the input reach a message or a log. */
    static KeysetHandle parse(String tinkJson) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(tinkJson, InsecureSecretKeyAccess.get());
    }

    /** The keyset as Tink JSON, key material included: for the keyset file and configuration only. */
    static String serialize(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    /** The keyset encrypted by {@code wrapping}: the only form in which a data key leaves memory. */
    static byte[] wrap(KeysetHandle keyset, Aead wrapping, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, wrapping, associatedData);
    }

    /** @throws GeneralSecurityException when {@code wrapping} does not open it with this associated data */
    static KeysetHandle unwrap(byte[] wrapped, Aead wrapping, byte[] associatedData) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, wrapping, associatedData);
    }

    /**
     * Whether the opened plaintext ({@code stored}, may be null when it did not open) holds exactly the
     * candidate, compared in constant time; both byte arrays are wiped afterwards.
     */
    static boolean holdsExactly(byte[] stored, PlainSecret candidate) {
        if (stored == null) {
            return false;
        }
        byte[] offered = candidate.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            return MessageDigest.isEqual(stored, offered);
        } finally {
            Arrays.fill(stored, (byte) 0);
            Arrays.fill(offered, (byte) 0);
        }
    }
}
