package io.integrationregistry.adapters.rest;

import io.integrationregistry.application.IdempotencyKeyReused;
import io.integrationregistry.application.IdempotencyStillInFlight;
import io.integrationregistry.application.NameAlreadyTaken;
import io.integrationregistry.application.port.out.ConcurrentModification;
import io.integrationregistry.application.port.out.StorageUnavailable;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Set;

/**
 * Every error of the API as an RFC 9457 problem detail. What a client sent wrong is a 4xx naming the
 * field and the rule; an outage of the database is a 503; nothing else ever shows a stack trace.
 */
@RestControllerAdvice
class RestExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);
    /** Matched by name: this adapter does not depend on the storage libraries whose failures it reports. */
    private static final Set<String> STORAGE_OUTAGES = Set.of("com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException", "com.mongodb.MongoSocketOpenException",
            "com.mongodb.MongoSocketReadException", "com.mongodb.MongoSocketWriteException",
            "com.mongodb.MongoSocketReadTimeoutException", "com.mongodb.MongoNotPrimaryException",
            "org.springframework.dao.DataAccessResourceFailureException");
    private static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest invalid) {
        return problem(ProblemDetails.invalid(invalid.problems()));
    }

    @ExceptionHandler(InvalidValue.class)
    ResponseEntity<ProblemDetail> invalid(InvalidValue invalid) {
        return problem(ProblemDetails.invalid(List.of(
                new FieldProblem(invalid.field(), invalid.rule(), invalid.field() + " " + invalid.rule()))));
    }

    @ExceptionHandler(IntegrationRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(IntegrationRuleViolation violation) {
        return switch (violation.rule()) {
            case INTEGRATION_MUST_EXIST, INTEGRATION_BELONGS_TO_ITS_COMPANY -> problem(ProblemDetails.of(
                    HttpStatus.NOT_FOUND, "not-found", "Integration not found",
                    "There is no integration with this id in your company."));
            case INTEGRATION_ID_MUST_BE_NEW -> problem(ProblemDetails.of(HttpStatus.CONFLICT, "conflict",
                    "Integration already exists", violation.rule().description()));
            case NEW_AUTHENTICATION_NEEDS_ITS_SECRET -> problem(ProblemDetails.invalid(List.of(new FieldProblem(
                    violation.detail(), "is required when this authentication type is first chosen",
                    violation.detail() + " is required when this authentication type is first chosen"))));
        };
    }

    @ExceptionHandler(NameAlreadyTaken.class)
    ResponseEntity<ProblemDetail> nameTaken(NameAlreadyTaken taken) {
        ProblemDetail problem = ProblemDetails.of(HttpStatus.CONFLICT, "duplicate-name", "Name already used",
                "Another integration of your company already has this name.");
        problem.setProperty("errors", List.of(new FieldProblem(taken.field(), taken.rule(),
                "name " + taken.rule())));
        return problem(problem);
    }

    @ExceptionHandler(ConcurrentModification.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrentModification conflict, HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
            return problem(ProblemDetails.of(HttpStatus.PRECONDITION_FAILED, "stale-version",
                    "Someone else changed this integration",
                    "The integration changed since the version in If-Match; read it again and retry."));
        }
        return problem(ProblemDetails.of(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "Another change to this integration was stored at the same moment; read it again and retry."));
    }

    @ExceptionHandler(PreconditionRequired.class)
    ResponseEntity<ProblemDetail> preconditionRequired(PreconditionRequired required) {
        return problem(ProblemDetails.of(HttpStatus.PRECONDITION_REQUIRED, "precondition-required",
                "If-Match required", required.getMessage()));
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReused reused) {
        return problem(ProblemDetails.of(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                "Idempotency-Key reused", reused.getMessage()));
    }

    @ExceptionHandler(IdempotencyStillInFlight.class)
    ResponseEntity<ProblemDetail> keyInFlight(IdempotencyStillInFlight inFlight) {
        return ResponseEntity.status(HttpStatus.CONFLICT).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ProblemDetails.of(HttpStatus.CONFLICT, "idempotency-key-in-flight",
                        "Request still in progress", inFlight.getMessage()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException denied) {
        return problem(ProblemDetails.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "You are not allowed to do this."));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException unauthenticated) {
        return problem(ProblemDetails.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "Sign in to use this API."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (isStorageOutage(failure)) {
            log.warn("Database unavailable: {}", failure.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .body(ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
                            "Database unavailable", "The database cannot be reached; nothing was changed. "
                                    + "Retry later."));
        }
        log.error("Unexpected failure", failure);
        return problem(ProblemDetails.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be handled."));
    }

    /** Framework errors (405, 406, 415, unreadable bodies ...) get this API's problem shape too. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail
                : ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
        HttpStatus status = HttpStatus.resolve(statusCode.value());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(java.net.URI.create("/problems/" + (status == null ? "error"
                    : status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))));
        }
        problem.setInstance(null);
        return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
    }

    private static boolean isStorageOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailable) {
                return true;
            }
            for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
                if (STORAGE_OUTAGES.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
