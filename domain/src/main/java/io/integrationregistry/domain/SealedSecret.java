package io.integrationregistry.domain;

/**
 * A secret as the domain knows it: ciphertext it never decrypts, the id of the key that sealed it,
 * and at most a hint of its last four characters (kept only for secrets of 16 characters or more,
 * where four characters give little away) so that administrators can recognise it.
 */
public record SealedSecret(String keyId, String ciphertext, String last4) {

    public SealedSecret {
        Text.required("secret.keyId", keyId);
        Text.required("secret.ciphertext", ciphertext);
        if (keyId.isBlank() || ciphertext.isBlank()) {
            throw new InvalidValue("secret", "a sealed secret needs its key id and its ciphertext");
        }
        if (last4 != null && last4.codePointCount(0, last4.length()) != 4) {
            throw new InvalidValue("secret.last4", "must be exactly four characters when present");
        }
    }

    @Override
    public String toString() {
        return "SealedSecret[keyId=" + keyId + ", ciphertext=(sealed)]";
    }
}
