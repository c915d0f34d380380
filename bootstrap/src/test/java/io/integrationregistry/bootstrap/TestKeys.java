package io.integrationregistry.bootstrap;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.security.GeneralSecurityException;

/** A fresh master keyset, as an operator would configure it, for tests of instances sharing one store. */
public final class TestKeys {

    private TestKeys() {
    }

    public static String keysetJson() {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }
}
