package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.SealedSecret;

/** What may be shown of a secret: that it is set, and at most its last four characters. */
public record SecretView(boolean set, String last4) {

    public static SecretView of(SealedSecret secret) {
        return secret == null ? null : new SecretView(true, secret.last4());
    }
}
