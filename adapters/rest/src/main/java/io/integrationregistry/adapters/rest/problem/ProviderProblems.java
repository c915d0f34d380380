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
     * The answer to a provider call that failed: {@link #failed}'s problem, with the provider's
     * {@code Retry-After} (in seconds) passed on when it limited the calls.
     */
    static ResponseEntity<ProblemDetail> answer(ProviderFailure failure) {
        ResponseEntity<ProblemDetail> answer = ProblemDetails.answer(failed(failure));
        return failure.retryAfter()
                .map(wait -> ResponseEntity.status(answer.getStatusCode())
                        .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, wait.toSeconds())))
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(answer.getBody()))
                .orElse(answer);
    }

    /**
     * A provider that did not give a usable answer. Its own explanation is passed on only as a JSON
     * string property, cleaned and short: never its body, never as markup. The one table of what each
     * kind answers (the provider-http adapter's {@code Failures} says which provider status is which kind):
     *
     * <pre>
     * kind                 status  type
     * REJECTED_REQUEST     400     provider-rejected-request
     * NOT_FOUND            404     provider-not-found
     * NOT_IMPLEMENTED      501     provider-not-implemented (the detail names the call)
     * CONFLICT             409     provider-conflict
     * PAYLOAD_TOO_LARGE    413     provider-payload-too-large
     * RATE_LIMITED         429     provider-rate-limited, with Retry-After
     * CREDENTIALS_REFUSED  502     provider-refused-credentials
     * PROVIDER_ERROR       502     provider-error
     * UNREACHABLE          502     provider-unreachable
     * ANSWER_TOO_LARGE     502     provider-answer-too-large
     * OUTBOUND_REFUSED     502     provider-address-refused
     * TIMEOUT              504     provider-timeout
     * </pre>
     *
     * Each keeps the provider's status as {@code providerStatus} and its explanation as {@code providerMessage}.
     */
    static ProblemDetail failed(ProviderFailure failure) {
        ProblemDetail problem = switch (failure.kind()) {
            case REJECTED_REQUEST ->
                ProblemDetails.of(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.PROVIDER_REJECTED_REQUEST,
                        "Provider rejected the request",
                        "The provider refused the request as invalid: " + failure.getMessage());
            case NOT_FOUND ->
                ProblemDetails.of(
                        HttpStatus.NOT_FOUND,
                        ProblemTypes.PROVIDER_NOT_FOUND,
                        "Not found at the provider",
                        "The provider has no such document or folder.");
            case NOT_IMPLEMENTED ->
                ProblemDetails.of(
                        HttpStatus.NOT_IMPLEMENTED,
                        ProblemTypes.PROVIDER_NOT_IMPLEMENTED,
                        "Not offered by the provider",
                        failure.getMessage());
            case CONFLICT ->
                ProblemDetails.of(
                        HttpStatus.CONFLICT,
                        ProblemTypes.PROVIDER_CONFLICT,
                        "Conflict at the provider",
                        "The provider refused the change as a conflict, such as a name already taken: "
                                + failure.getMessage());
            case PAYLOAD_TOO_LARGE ->
                ProblemDetails.of(
                        HttpStatus.PAYLOAD_TOO_LARGE,
                        ProblemTypes.PROVIDER_PAYLOAD_TOO_LARGE,
                        "Too large for the provider",
                        "The provider refused the request as too large: " + failure.getMessage());
            case RATE_LIMITED ->
                ProblemDetails.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        ProblemTypes.PROVIDER_RATE_LIMITED,
                        "Provider limited the calls",
                        "The provider asked to wait before calling again: " + failure.getMessage());
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
