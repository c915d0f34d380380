package io.integrationregistry.adapters.providerhttp;

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

/**
 * Says what went wrong with a call in the terms of {@link ProviderFailure}. The detail names the call
 * and the host, never a header, a query string or a body, so it cannot carry a credential.
 */
final class Failures {

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

    /** An error status; {@code providerMessage} already cleaned. */
    static ProviderFailure status(int status, String providerMessage, String call, String host) {
        String detail = "the provider answered " + call + " at " + host + " with HTTP " + status;
        Kind kind = switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 401, 403 -> Kind.CREDENTIALS_REFUSED;
            default -> Kind.PROVIDER_ERROR;
        };
        return new ProviderFailure(kind, status, providerMessage, detail);
    }

    static ProviderFailure unreadable(int status, String call, String host, String what) {
        return new ProviderFailure(
                Kind.PROVIDER_ERROR, status, null, "the provider's answer to " + call + " at " + host + " " + what);
    }
}
