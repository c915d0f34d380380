package io.integrationregistry.application.documents.port.out;

import java.util.Objects;

/**
 * A provider call that did not give an answer to use. {@code providerMessage} is the provider's own
 * explanation when it sent one, cleaned of control characters and cut short; it is text for a human,
 * to be escaped by whoever shows it, and it never holds a credential of ours.
 */
public final class ProviderFailure extends RuntimeException {

    public enum Kind {
        /** The provider answered 404. */
        NOT_FOUND,
        /** The provider answered 401 or 403: missing or invalid credentials. */
        CREDENTIALS_REFUSED,
        /** The provider answered with another error status, or an answer that cannot be read. */
        PROVIDER_ERROR,
        /** The provider did not answer in time, or the call ran past its deadline or below its minimum rate. */
        TIMEOUT,
        /** No connection could be made. */
        UNREACHABLE,
        /** The answer was larger than the configured limit. */
        ANSWER_TOO_LARGE,
        /** The URL (or a redirect) points where the service must not go. */
        OUTBOUND_REFUSED
    }

    private final Kind kind;
    private final int providerStatus;
    private final String providerMessage;
    private final boolean credentialsNotSent;

    public ProviderFailure(Kind kind, int providerStatus, String providerMessage, String detail) {
        this(kind, providerStatus, providerMessage, detail, false);
    }

    private ProviderFailure(
            Kind kind, int providerStatus, String providerMessage, String detail, boolean credentialsNotSent) {
        super(detail, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.providerStatus = providerStatus;
        this.providerMessage = providerMessage;
        this.credentialsNotSent = credentialsNotSent;
    }

    /**
     * An answer that came from another origin than the one called, after a redirect: the credentials,
     * which go only to the origin called, were not sent there, so the answer says nothing of them.
     */
    public static ProviderFailure credentialsNotSent(int providerStatus, String detail) {
        return new ProviderFailure(Kind.PROVIDER_ERROR, providerStatus, null, detail, true);
    }

    public ProviderFailure(Kind kind, String detail) {
        this(kind, 0, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    /** The provider's HTTP status, or 0 when there was none. */
    public int providerStatus() {
        return providerStatus;
    }

    /** Whether the answer came from an origin the credentials were not sent to. */
    public boolean credentialsNotSent() {
        return credentialsNotSent;
    }

    /** The provider's explanation, or null. */
    public String providerMessage() {
        return providerMessage;
    }
}
