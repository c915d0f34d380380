package io.integrationregistry.adapters.rest.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

import java.net.URI;
import java.util.Locale;

/**
 * The {@code type} of every problem detail this service answers: a relative URI under {@code /problems/}.
 * A client may rely on them; they are the API's error vocabulary, so each is named once, here.
 */
public final class ProblemTypes {

    /** What every type starts with. */
    public static final String PREFIX = "/problems/";

    // what the client sent
    public static final URI INVALID_REQUEST = type("invalid-request");
    public static final URI REQUEST_REJECTED = type("request-rejected");
    public static final URI PRECONDITION_REQUIRED = type("precondition-required");

    // who is asking
    public static final URI UNAUTHORIZED = type("unauthorized");
    public static final URI FORBIDDEN = type("forbidden");
    public static final URI CROSS_SITE_REQUEST = type("cross-site-request");
    public static final URI TOO_MANY_SIGN_IN_ATTEMPTS = type("too-many-sign-in-attempts");

    // what the registry refuses
    public static final URI NOT_FOUND = type("not-found");
    public static final URI CONFLICT = type("conflict");
    public static final URI DUPLICATE_NAME = type("duplicate-name");
    public static final URI STALE_VERSION = type("stale-version");
    public static final URI CONCURRENT_CHANGE = type("concurrent-change");
    public static final URI REBUILD_UNDER_WAY = type("rebuild-under-way");
    public static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");
    public static final URI IDEMPOTENCY_KEY_IN_FLIGHT = type("idempotency-key-in-flight");
    public static final URI INTEGRATION_NOT_ACTIVE = type("integration-not-active");
    public static final URI NOT_OAUTH2 = type("not-oauth2");
    public static final URI OAUTH2_CONNECTION_REQUIRED = type("oauth2-connection-required");
    public static final URI OAUTH2_AUTHORIZATION_REFUSED = type("oauth2-authorization-refused");
    public static final URI TOO_MANY_RESERVATIONS = type("too-many-reservations");

    // what the provider did
    public static final URI PROVIDER_REJECTED_REQUEST = type("provider-rejected-request");
    public static final URI PROVIDER_NOT_FOUND = type("provider-not-found");
    public static final URI PROVIDER_NOT_IMPLEMENTED = type("provider-not-implemented");
    public static final URI PROVIDER_CONFLICT = type("provider-conflict");
    public static final URI PROVIDER_PAYLOAD_TOO_LARGE = type("provider-payload-too-large");
    public static final URI PROVIDER_RATE_LIMITED = type("provider-rate-limited");
    public static final URI PROVIDER_REFUSED_CREDENTIALS = type("provider-refused-credentials");
    public static final URI PROVIDER_TIMEOUT = type("provider-timeout");
    public static final URI PROVIDER_UNREACHABLE = type("provider-unreachable");
    public static final URI PROVIDER_ANSWER_TOO_LARGE = type("provider-answer-too-large");
    public static final URI PROVIDER_ADDRESS_REFUSED = type("provider-address-refused");
    public static final URI PROVIDER_ERROR = type("provider-error");
    public static final URI TOO_MANY_PROVIDER_CALLS = type("too-many-provider-calls");

    // what the service itself cannot do
    public static final URI STORAGE_UNAVAILABLE = type("storage-unavailable");
    public static final URI SECRET_UNREADABLE = type("secret-unreadable");
    public static final URI INTERNAL_ERROR = type("internal-error");
    /** The type of a status no other type names, and that is no HTTP status either. */
    public static final URI ERROR = type("error");

    private ProblemTypes() {}

    /**
     * The type of an answer known only by its status (what the framework or the servlet container refuses):
     * the status's name in lower case with dashes, such as {@code /problems/method-not-allowed}; an unknown
     * status is {@link #ERROR}.
     */
    public static URI forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null
                ? ERROR
                : type(known.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public static URI forStatus(HttpStatusCode status) {
        return forStatus(status.value());
    }

    private static URI type(String name) {
        return URI.create(PREFIX + name);
    }
}
