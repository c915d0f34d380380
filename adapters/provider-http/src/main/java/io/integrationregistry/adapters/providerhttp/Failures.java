package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.adapters.providerhttp.GuardedDnsResolver.RefusedAddress;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ProviderFailure.Kind;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Says what went wrong with a call in the terms of {@link ProviderFailure}. The detail names the call
 * and the host, never a header, a query string or a body, so it cannot carry a credential.
 */
final class Failures {

    /** How much of an error answer is read to find the provider's explanation. */
    private static final long MAX_ERROR_BYTES = 64 * 1024;

    /**
     * Calls a provider may not implement (a minimal one offers only the core calls below): a web
     * server's 404 for them means the endpoint is missing. {@code serviceInfo} names no document, so
     * each of its 404s is a missing endpoint; the others name one, so a 404 carrying the provider's own
     * JSON error is a missing document. The core calls ({@code metadata}, {@code files},
     * {@code download}, {@code uploadInit}, {@code upload}) every provider has: their 404 is a missing
     * document or folder.
     */
    static final Set<String> OPTIONAL_CALLS =
            Set.of("serviceInfo", "search", "thumbnail", "createFolder", "rename", "delete");

    private Failures() {}

    static ProviderFailure of(IOException failure, String call, String host) {
        String where = call + " at " + host;
        if (failure instanceof RefusedAddress refused) {
            return refused(refused.refusal(), call);
        }
        if (failure instanceof AnswerTooLarge) {
            return new ProviderFailure(
                    Kind.ANSWER_TOO_LARGE, "the answer to " + where + " is too large (" + failure.getMessage() + ")");
        }
        if (failure instanceof ConnectTimeoutException) {
            return new ProviderFailure(Kind.UNREACHABLE, "no connection to " + where + " within the connect timeout");
        }
        if (failure instanceof ConnectionRequestTimeoutException) {
            return new ProviderFailure(Kind.UNREACHABLE, "no connection for " + where + " became free in time");
        }
        if (failure instanceof SocketTimeoutException) {
            return new ProviderFailure(Kind.TIMEOUT, "no answer to " + where + " within the read timeout");
        }
        if (failure instanceof UnknownHostException) {
            return new ProviderFailure(Kind.UNREACHABLE, "the host of " + where + " does not resolve");
        }
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException) {
            return new ProviderFailure(Kind.UNREACHABLE, "no connection could be made to " + where);
        }
        if (failure instanceof SSLException) {
            return new ProviderFailure(Kind.UNREACHABLE, "no secure connection could be made to " + where);
        }
        return new ProviderFailure(Kind.PROVIDER_ERROR, "the connection broke during " + where);
    }

    static ProviderFailure refused(OutboundRefused refusal, String call) {
        if (refusal.hostDoesNotResolve()) {
            return new ProviderFailure(Kind.UNREACHABLE, call + ": " + refusal.getMessage());
        }
        return new ProviderFailure(Kind.OUTBOUND_REFUSED, call + ": " + refusal.getMessage());
    }

    /**
     * The failure an error answer of the Document Webhooks API stands for: its status, and the provider's
     * explanation from the start of its body, cleaned of these secrets.
     */
    static ProviderFailure of(Answer answer, Collection<String> secrets, String call) {
        JsonNode error = null;
        try {
            error = ProviderJson.tree(answer.readAtMost(MAX_ERROR_BYTES));
        } catch (IOException unreadable) {
            // The status says enough.
        }
        return status(
                answer.status(),
                ProviderText.clean(ProviderJson.errorMessage(error), secrets),
                error != null && error.isObject(),
                answer.header("Retry-After"),
                call,
                answer.url().getHost());
    }

    /**
     * What a provider's error status means. The one table of it (the REST adapter's
     * {@code ProviderProblems} says what each kind answers the client):
     *
     * <pre>
     * provider status           kind
     * 400                       REJECTED_REQUEST
     * 401, 403                  CREDENTIALS_REFUSED (an OAuth2 token is refreshed and the call retried once first)
     * 404, core call            NOT_FOUND
     * 404, optional call        NOT_FOUND with the provider's JSON error (not for serviceInfo), else NOT_IMPLEMENTED
     * 405, 501                  NOT_IMPLEMENTED
     * 409                       CONFLICT
     * 413                       PAYLOAD_TOO_LARGE
     * 429                       RATE_LIMITED, with the provider's Retry-After (see RetryAfter)
     * anything else             PROVIDER_ERROR
     * </pre>
     *
     * {@code providerMessage} is already cleaned; {@code providerJson} says whether the body was a JSON
     * object (the provider's own error) rather than a web server's page or nothing.
     */
    static ProviderFailure status(
            int status, String providerMessage, boolean providerJson, String retryAfter, String call, String host) {
        String detail = "the provider answered " + call + " at " + host + " with HTTP " + status;
        Kind kind = switch (status) {
            case 400 -> Kind.REJECTED_REQUEST;
            case 401, 403 -> Kind.CREDENTIALS_REFUSED;
            case 404 -> missingEndpoint(call, providerJson) ? Kind.NOT_IMPLEMENTED : Kind.NOT_FOUND;
            case 405, 501 -> Kind.NOT_IMPLEMENTED;
            case 409 -> Kind.CONFLICT;
            case 413 -> Kind.PAYLOAD_TOO_LARGE;
            case 429 -> Kind.RATE_LIMITED;
            default -> Kind.PROVIDER_ERROR;
        };
        return switch (kind) {
            case NOT_IMPLEMENTED ->
                new ProviderFailure(
                        kind,
                        status,
                        providerMessage,
                        "the provider does not offer " + call + " (it answered HTTP " + status + " at " + host + ")");
            case RATE_LIMITED ->
                ProviderFailure.rateLimited(status, providerMessage, detail, RetryAfter.of(retryAfter, Instant.now()));
            default -> new ProviderFailure(kind, status, providerMessage, detail);
        };
    }

    /**
     * An error status of the OAuth 2.0 token endpoint, which is not the Document Webhooks API: its refusals
     * concern the integration's client, not the request of the user, so only a refusal of credentials (401,
     * 403) and 404 keep a meaning of their own, and every other status is a provider error.
     */
    static ProviderFailure status(int status, String providerMessage, String call, String host) {
        Kind kind = switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 401, 403 -> Kind.CREDENTIALS_REFUSED;
            default -> Kind.PROVIDER_ERROR;
        };
        return new ProviderFailure(
                kind,
                status,
                providerMessage,
                "the provider answered " + call + " at " + host + " with HTTP " + status);
    }

    private static boolean missingEndpoint(String call, boolean providerJson) {
        return OPTIONAL_CALLS.contains(call) && (call.equals("serviceInfo") || !providerJson);
    }

    static ProviderFailure unreadable(int status, String call, String host, String what) {
        return new ProviderFailure(
                Kind.PROVIDER_ERROR, status, null, "the provider's answer to " + call + " at " + host + " " + what);
    }
}
