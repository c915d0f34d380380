package io.integrationregistry.adapters.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import java.security.GeneralSecurityException;

/** The one place that turns a keyset into Tink's AEAD primitive, so registration cannot be forgotten. */
final class TinkAead {

    private TinkAead() {
    }

    /** @throws GeneralSecurityException when the keyset holds no AEAD key Tink can use */
    static Aead of(KeysetHandle keyset) throws GeneralSecurityException {
        AeadConfig.register(); // idempotent; the registry configuration below needs the AEAD key managers
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }
}
