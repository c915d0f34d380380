package io.integrationregistry.application.port.out;

import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

/** Turns typed secrets into ciphertext bound to their integration, and recognises them later. */
public interface ForSealingSecrets {

    SealedSecret seal(IntegrationId owner, PlainSecret secret);

    /** Whether {@code sealed} holds exactly {@code candidate}; the plaintext never leaves the adapter. */
    boolean holdsSameSecret(IntegrationId owner, SealedSecret sealed, PlainSecret candidate);
}
