package io.integrationregistry.application.connections;

import io.integrationregistry.domain.PlainSecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE proof key (RFC 7636, as RFC 9700 §2.1.1 asks of every authorization-code client): a verifier of
 * 256 random bits, Base64url-encoded into 43 characters, and its S256 challenge. The challenge goes with
 * the authorization request; the verifier is a secret, kept sealed until the code exchange sends it.
 */
record ProofKey(PlainSecret verifier, String challenge) {

    static final String METHOD = "S256";

    @Override
    public String toString() {
        return "ProofKey[(verifier hidden), challenge=" + challenge + "]";
    }

    static ProofKey generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new ProofKey(PlainSecret.received("code_verifier", verifier), challengeOf(verifier));
    }

    /** {@code BASE64URL(SHA256(ASCII(code_verifier)))}, RFC 7636 §4.2. */
    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
