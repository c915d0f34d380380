package io.integrationregistry.application.connections;

import java.util.Optional;

/** An OAuth 2.0 callback that is not accepted: forged, reused, expired or foreign state, or a provider error. */
public final class AuthorizationRefused extends RuntimeException {

    private final String providerSaid;
    private final String providerExplained;

    public AuthorizationRefused(String detail) {
        this(detail, null, null);
    }

    /** @param providerSaid the provider's own words (its {@code error} code), shown apart as a quotation */
    public AuthorizationRefused(String detail, String providerSaid) {
        this(detail, providerSaid, null);
    }

    /**
     * @param providerSaid      the provider's own words: its {@code error} code, shown apart as a quotation
     * @param providerExplained the provider's {@code error_description}, shown with it, or null
     */
    public AuthorizationRefused(String detail, String providerSaid, String providerExplained) {
        super(detail, null, false, false);
        this.providerSaid = providerSaid;
        this.providerExplained = providerExplained;
    }

    /** The provider's own words (its {@code error}), when it gave a reason; never the service's. */
    public Optional<String> providerSaid() {
        return Optional.ofNullable(providerSaid);
    }

    /** The provider's explanation (its {@code error_description}), when it gave one; never the service's. */
    public Optional<String> providerExplained() {
        return Optional.ofNullable(providerExplained);
    }
}
