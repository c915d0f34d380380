package io.integrationregistry.application.connections;

/** An OAuth 2.0 callback that is not accepted: forged, reused, expired or foreign state, or a provider error. */
public final class AuthorizationRefused extends RuntimeException {

    private final String providerSaid;

    public AuthorizationRefused(String detail) {
        this(detail, null);
    }

    /** @param providerSaid the provider's own words (its {@code error} text), shown apart as a quotation */
    public AuthorizationRefused(String detail, String providerSaid) {
        super(detail, null, false, false);
        this.providerSaid = providerSaid;
    }

    /** The provider's own words, when it gave a reason; never the service's. */
    public java.util.Optional<String> providerSaid() {
        return java.util.Optional.ofNullable(providerSaid);
    }
}
