package io.integrationregistry.application.shared;

import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

/**
 * Turns secrets into ciphertext bound to their owner, and back only where a provider call needs them.
 * A ciphertext sealed for one owner does not open for another.
 */
public interface ForSealingSecrets {

    SealedSecret seal(IntegrationId owner, PlainSecret secret);

    /** Whether {@code sealed} holds exactly {@code candidate}. */
    boolean holdsSameSecret(IntegrationId owner, SealedSecret sealed, PlainSecret candidate);

    /**
     * The plaintext, to be sent to the integration's provider.
     *
     * @throws SecretUnreadable when no key held opens it for this owner
     */
    PlainSecret open(IntegrationId owner, SealedSecret sealed);

    /** Seals an OAuth 2.0 token of one user's connection; it opens for that connection only. */
    SealedSecret sealToken(ConnectionKey connection, PlainSecret token);

    /** @throws SecretUnreadable when no key held opens it for this connection */
    PlainSecret openToken(ConnectionKey connection, SealedSecret sealed);
}
