package io.integrationregistry.adapters.rest.problem;

import io.integrationregistry.application.connections.AuthorizationRefused;
import io.integrationregistry.application.connections.ConnectionRequired;
import io.integrationregistry.application.connections.IntegrationNotActive;
import io.integrationregistry.application.connections.NotAnOAuth2Integration;
import io.integrationregistry.application.documents.TooManyProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.integrations.IdempotencyKeyReused;
import io.integrationregistry.application.integrations.IdempotencyStillInFlight;
import io.integrationregistry.application.integrations.NameAlreadyTaken;
import io.integrationregistry.application.integrations.TooManyReservations;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.projections.port.out.RebuildUnderWay;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.ClientAbortException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as an RFC 9457 problem detail. What a client sent wrong is a 4xx naming the
 * field and the rule; an outage of the database is a 503; nothing else ever shows a stack trace.
 *
 * <p>This advice only picks the answer for each kind of failure; the answers themselves are those of
 * {@link RequestProblems}, {@link RefusalProblems}, {@link ProviderProblems} and {@link ServiceProblems}.
 * It stays one advice: between several, Spring would let an earlier one answer for a failure's cause
 * before a later one could answer for the failure itself.
 */
@RestControllerAdvice
class RestExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest invalid) {
        return ProblemDetails.answer(RequestProblems.invalid(invalid));
    }

    @ExceptionHandler(InvalidValue.class)
    ResponseEntity<ProblemDetail> invalid(InvalidValue invalid) {
        return ProblemDetails.answer(RequestProblems.invalid(invalid));
    }

    @ExceptionHandler(PreconditionRequired.class)
    ResponseEntity<ProblemDetail> preconditionRequired(PreconditionRequired required) {
        return ProblemDetails.answer(RequestProblems.preconditionRequired(required));
    }

    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException rejected) {
        return ProblemDetails.answer(RequestProblems.rejected(rejected));
    }

    @ExceptionHandler(IntegrationRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(IntegrationRuleViolation violation) {
        return ProblemDetails.answer(RefusalProblems.ruleViolation(violation));
    }

    @ExceptionHandler(NameAlreadyTaken.class)
    ResponseEntity<ProblemDetail> nameTaken(NameAlreadyTaken taken) {
        return ProblemDetails.answer(RefusalProblems.nameTaken(taken));
    }

    @ExceptionHandler(ConcurrentModification.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrentModification conflict, HttpServletRequest request) {
        return ProblemDetails.answer(RefusalProblems.concurrent(conflict, request));
    }

    @ExceptionHandler(RebuildUnderWay.class)
    ResponseEntity<ProblemDetail> rebuildUnderWay(RebuildUnderWay underWay) {
        return ProblemDetails.answer(RefusalProblems.rebuildUnderWay(underWay));
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReused reused) {
        return ProblemDetails.answer(RefusalProblems.keyReused(reused));
    }

    @ExceptionHandler(IdempotencyStillInFlight.class)
    ResponseEntity<ProblemDetail> keyInFlight(IdempotencyStillInFlight inFlight) {
        return RefusalProblems.keyInFlight(inFlight);
    }

    @ExceptionHandler(TooManyReservations.class)
    ResponseEntity<ProblemDetail> tooManyReservations(TooManyReservations tooMany) {
        return ProblemDetails.answer(RefusalProblems.tooManyReservations(tooMany));
    }

    @ExceptionHandler(IntegrationNotActive.class)
    ResponseEntity<ProblemDetail> notActive(IntegrationNotActive notActive) {
        return ProblemDetails.answer(RefusalProblems.notActive(notActive));
    }

    @ExceptionHandler(NotAnOAuth2Integration.class)
    ResponseEntity<ProblemDetail> notOAuth2(NotAnOAuth2Integration notOAuth2) {
        return ProblemDetails.answer(RefusalProblems.notOAuth2(notOAuth2));
    }

    @ExceptionHandler(ConnectionRequired.class)
    ResponseEntity<ProblemDetail> connectionRequired(ConnectionRequired required) {
        return ProblemDetails.answer(RefusalProblems.connectionRequired(required));
    }

    @ExceptionHandler(AuthorizationRefused.class)
    ResponseEntity<ProblemDetail> authorizationRefused(AuthorizationRefused refused) {
        return ProblemDetails.answer(RefusalProblems.authorizationRefused(refused));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException denied) {
        return ProblemDetails.answer(RefusalProblems.denied());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException unauthenticated) {
        return ProblemDetails.answer(RefusalProblems.unauthenticated());
    }

    @ExceptionHandler(ProviderFailure.class)
    ResponseEntity<ProblemDetail> providerFailed(ProviderFailure failure) {
        return ProviderProblems.answer(failure);
    }

    @ExceptionHandler(TooManyProviderCalls.class)
    ResponseEntity<ProblemDetail> tooManyProviderCalls(TooManyProviderCalls tooMany) {
        return ProviderProblems.tooManyCalls(tooMany);
    }

    /**
     * The client went away during a download: no answer can reach it, and it is no error of the service.
     * Passed on to the framework, which ends the request quietly.
     */
    @ExceptionHandler(ClientAbortException.class)
    void aborted(ClientAbortException aborted) throws ClientAbortException {
        throw aborted;
    }

    @ExceptionHandler(SecretUnreadable.class)
    ResponseEntity<ProblemDetail> secretUnreadable(SecretUnreadable unreadable) {
        return ProblemDetails.answer(ServiceProblems.secretUnreadable(unreadable));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        return ServiceProblems.unexpected(failure);
    }

    /**
     * A path value the framework could not convert. An integration id that no integration could have is
     * answered like any unknown one: 404, as the id converter says.
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException mismatch, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = mismatch.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IntegrationRuleViolation violation) {
                ProblemDetail problem = RefusalProblems.ruleViolation(violation);
                return ResponseEntity.status(problem.getStatus())
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(problem);
            }
        }
        return super.handleTypeMismatch(mismatch, headers, status, request);
    }

    /** Framework errors (405, 406, 415, unreadable bodies ...) get this API's problem shape too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail
                ? detail
                : ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(ProblemTypes.forStatus(statusCode));
        }
        problem.setInstance(null);
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }
}
