package io.integrationregistry.adapters.rest.problem;

import io.integrationregistry.application.documents.TooManyProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** What a provider did, or would have been asked too often to do, on behalf of a request. */
final class ProviderProblems {

    private ProviderProblems() {}

    /**
     * A provider that did not give a usable answer. Its own explanation is passed on only as a JSON
     * string property, cleaned and short: never its body, never as markup.
     */
    static ProblemDetail failed(ProviderFailure failure) {
        ProblemDetail problem = switch (failure.kind()) {
            case NOT_FOUND ->
                ProblemDetails.of(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.PROVIDER_NOT_FOUND,
                        "Not found at the provider",
                        "The provider has no such document or folder.");
            case CREDENTIALS_REFUSED ->
                ProblemDetails.of(
                        HttpStatus.BAD_GATEWAY,
                        ProblemTypes.PROVIDER_REFUSED_CREDENTIALS,
                        "Provider refused the credentials",
                        "The provider refused the integration's credentials: " + failure.getMessage());
            case TIMEOUT ->
                ProblemDetails.of(
                        HttpStatus.GATEWAY_TIMEOUT,
                        ProblemTypes.PROVIDER_TIMEOUT,
                        "Provider timed out",
                        failure.getMessage());
            case UNREACHABLE ->
                ProblemDetails.of(
                        HttpStatus.BAD_GATEWAY,
                        ProblemTypes.PROVIDER_UNREACHABLE,
                        "Provider unreachable",
                        failure.getMessage());
            case ANSWER_TOO_LARGE ->
                ProblemDetails.of(
                        HttpStatus.BAD_GATEWAY,
                        ProblemTypes.PROVIDER_ANSWER_TOO_LARGE,
                        "Provider answer too large",
                        failure.getMessage());
            case OUTBOUND_REFUSED ->
                ProblemDetails.of(
                        HttpStatus.BAD_GATEWAY,
                        ProblemTypes.PROVIDER_ADDRESS_REFUSED,
                        "Provider address refused",
                        "The service does not call this address: " + failure.getMessage());
            case PROVIDER_ERROR ->
                ProblemDetails.of(
                        HttpStatus.BAD_GATEWAY, ProblemTypes.PROVIDER_ERROR, "Provider error", failure.getMessage());
        };
        if (failure.providerStatus() > 0) {
            problem.setProperty("providerStatus", failure.providerStatus());
        }
        if (failure.providerMessage() != null) {
            problem.setProperty("providerMessage", failure.providerMessage());
        }
        return problem;
    }

    /**
     * Too many provider calls under way for this integration or company: try again shortly. Nothing was
     * sent to the provider.
     */
    static ResponseEntity<ProblemDetail> tooManyCalls(TooManyProviderCalls tooMany) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        String.valueOf(Math.max(1, tooMany.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemTypes.TOO_MANY_PROVIDER_CALLS,
                        "Too many provider calls",
                        tooMany.getMessage()));
    }
}
