package io.integrationregistry.application.connections.port.out;

/**
 * A token endpoint's OAuth 2.0 error answer (RFC 6749 §5.2). Only {@code invalid_grant} says that the
 * grant is gone and the user must connect again; other errors are the client's or the provider's.
 */
public final class TokenRefused extends RuntimeException {

    public static final String INVALID_GRANT = "invalid_grant";

    private final String error;
    private final String description;

    public TokenRefused(String error, String description) {
        super("the token endpoint refused: " + error, null, false, false);
        this.error = error;
        this.description = description;
    }

    /** The OAuth 2.0 error code, such as {@code invalid_grant} or {@code invalid_client}. */
    public String error() {
        return error;
    }

    /** The endpoint's {@code error_description}, cleaned, or null. */
    public String description() {
        return description;
    }

    public boolean grantIsGone() {
        return INVALID_GRANT.equals(error);
    }
}
