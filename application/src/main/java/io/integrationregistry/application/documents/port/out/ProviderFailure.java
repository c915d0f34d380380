package io.integrationregistry.application.documents.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider call that did not give an answer to use. {@code providerMessage} is the provider's own
 * explanation when it sent one, cleaned of control characters and cut short; it is text for a human,
 * to be escaped by whoever shows it, and it never holds a credential of ours.
 */
public final class ProviderFailure extends RuntimeException {

    public enum Kind {
        /** The provider answered 400: it refused the request as malformed. */
        REJECTED_REQUEST,
        /** The provider answered 404 for a document or folder it does not have. */
        NOT_FOUND,
        /** The provider does not offer the call: 405, 501, or a 404 of the endpoint itself. */
        NOT_IMPLEMENTED,
        /** The provider answered 409, such as for a name already taken in the folder. */
        CONFLICT,
        /** The provider answered 413: the request, such as an upload, is larger than it takes. */
        PAYLOAD_TOO_LARGE,
        /** The provider answered 429: too many calls; {@link #retryAfter()} says how long to wait. */
        RATE_LIMITED,
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
    private final Duration retryAfter;

    public ProviderFailure(Kind kind, int providerStatus, String providerMessage, String detail) {
        this(kind, providerStatus, providerMessage, detail, false, null);
    }

    private ProviderFailure(
            Kind kind,
            int providerStatus,
            String providerMessage,
            String detail,
            boolean credentialsNotSent,
            Duration retryAfter) {
        super(detail, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.providerStatus = providerStatus;
        this.providerMessage = providerMessage;
        this.credentialsNotSent = credentialsNotSent;
        this.retryAfter = retryAfter;
    }

    /** The provider answered 429 and asked to wait this long before calling again. */
    public static ProviderFailure rateLimited(
            int providerStatus, String providerMessage, String detail, Duration retryAfter) {
        return new ProviderFailure(
                Kind.RATE_LIMITED,
                providerStatus,
                providerMessage,
                detail,
                false,
                Objects.requireNonNull(retryAfter, "retryAfter"));
    }

    /**
     * An answer that came from another origin than the one called, after a redirect: the credentials,
     * which go only to the origin called, were not sent there, so the answer says nothing of them.
     */
    public static ProviderFailure credentialsNotSent(int providerStatus, String detail) {
        return new ProviderFailure(Kind.PROVIDER_ERROR, providerStatus, null, detail, true, null);
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

    /** How long the provider asked to wait before calling again; present only when it limited the calls. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The provider's explanation, or null. */
    public String providerMessage() {
        return providerMessage;
    }
}
