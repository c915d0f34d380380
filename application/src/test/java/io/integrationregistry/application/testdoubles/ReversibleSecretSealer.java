package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.SealedSecret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "Seals" a secret as base64 of a nonce, its owner and its plaintext under key id {@code test}: no
 * protection at all, but the plaintext never appears as such and tests can open what was sealed. As
 * with real authenticated encryption, sealing the same secret twice gives two different ciphertexts,
 * so a needless re-seal shows up as a change.
 */
public final class ReversibleSecretSealer implements ForSealingSecrets {

    public static final String KEY_ID = "test";

    private final AtomicInteger seals = new AtomicInteger();

    @Override
    public SealedSecret seal(IntegrationId owner, PlainSecret secret) {
        return sealAs(owner.value(), secret);
    }

    private SealedSecret sealAs(String owner, PlainSecret secret) {
        int nonce = seals.incrementAndGet();
        String ciphertext = Base64.getEncoder()
                .encodeToString((nonce + "|" + owner + "|" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
        return new SealedSecret(KEY_ID, ciphertext, secret.last4());
    }

    @Override
    public boolean holdsSameSecret(IntegrationId owner, SealedSecret sealed, PlainSecret candidate) {
        String[] parts = opened(sealed);
        return sealed.keyId().equals(KEY_ID) && parts[1].equals(owner.value()) && parts[2].equals(candidate.reveal());
    }

    @Override
    public PlainSecret open(IntegrationId owner, SealedSecret sealed) {
        return openAs(owner.value(), sealed);
    }

    private PlainSecret openAs(String owner, SealedSecret sealed) {
        String[] parts = opened(sealed);
        if (!parts[1].equals(owner)) {
            throw new SecretUnreadable("sealed for another owner");
        }
        return PlainSecret.received("secret", parts[2]);
    }

    @Override
    public SealedSecret sealToken(ConnectionKey connection, PlainSecret token) {
        return sealAs("token:" + connection.integration().value() + ":" + connection.user(), token);
    }

    @Override
    public PlainSecret openToken(ConnectionKey connection, SealedSecret sealed) {
        return openAs("token:" + connection.integration().value() + ":" + connection.user(), sealed);
    }

    /** The plaintext a sealed secret holds. */
    public String open(SealedSecret sealed) {
        return opened(sealed)[2];
    }

    public int sealCount() {
        return seals.get();
    }

    private static String[] opened(SealedSecret sealed) {
        return new String(Base64.getDecoder().decode(sealed.ciphertext()), StandardCharsets.UTF_8).split("\\|", 3);
    }
}
