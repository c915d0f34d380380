package io.integrationregistry.application.documents;

/** An OAuth 2.0 callback that is not accepted: forged, reused, expired or foreign state, or a provider error. */
public final class AuthorizationRefused extends RuntimeException {

    public AuthorizationRefused(String detail) {
        super(detail, null, false, false);
    }
}
