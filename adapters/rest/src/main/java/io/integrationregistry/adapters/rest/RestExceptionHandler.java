package io.integrationregistry.adapters.rest;

import io.integrationregistry.application.integrations.IdempotencyKeyReused;
import io.integrationregistry.application.integrations.IdempotencyStillInFlight;
import io.integrationregistry.application.integrations.NameAlreadyTaken;
import io.integrationregistry.application.connections.AuthorizationRefused;
import io.integrationregistry.application.connections.ConnectionRequired;
import io.integrationregistry.application.connections.IntegrationNotActive;
import io.integrationregistry.application.connections.NotAnOAuth2Integration;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.TooManyProviderCalls;
import io.integrationregistry.application.projections.port.out.RebuildUnderWay;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.ClientAbortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    static final String REJECTED = "The request was refused: a header or parameter holds something never accepted here.";
    static final String REJECTED_RULE = "must not contain control characters";
    /** The header or parameter the firewall names (its value is left out of the answer). */
    private static final List<Pattern> REJECTED_PARTS = List.of(
            Pattern.compile("header name \"(.*?)\" is not allowed", Pattern.DOTALL),
            Pattern.compile("header: \"(.*?)\" has a value", Pattern.DOTALL),
            Pattern.compile("parameter name \"(.*?)\" is not allowed", Pattern.DOTALL),
            Pattern.compile("parameter: \"(.*?)\" has a value", Pattern.DOTALL));

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
            case SECRET_BOUND_TO_ORIGIN -> problem(ProblemDetails.invalid(List.of(new FieldProblem(
                    violation.detail(), "must be given again to send it to another origin",
                    violation.detail() + " must be given again to send it to another origin"))));
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

    @ExceptionHandler(RebuildUnderWay.class)
    ResponseEntity<ProblemDetail> rebuildUnderWay(RebuildUnderWay underWay) {
        return problem(ProblemDetails.of(HttpStatus.CONFLICT, "rebuild-under-way", "Rebuild under way",
                underWay.getMessage()));
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
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetails.of(HttpStatus.CONFLICT, "idempotency-key-in-flight",
                        "Request still in progress", inFlight.getMessage()));
    }

    @ExceptionHandler(IntegrationNotActive.class)
    ResponseEntity<ProblemDetail> notActive(IntegrationNotActive notActive) {
        return problem(ProblemDetails.of(HttpStatus.CONFLICT, "integration-not-active", "Integration not active",
                notActive.getMessage()));
    }

    @ExceptionHandler(NotAnOAuth2Integration.class)
    ResponseEntity<ProblemDetail> notOAuth2(NotAnOAuth2Integration notOAuth2) {
        return problem(ProblemDetails.of(HttpStatus.CONFLICT, "not-oauth2", "Not an OAuth2 integration",
                notOAuth2.getMessage()));
    }

    @ExceptionHandler(ConnectionRequired.class)
    ResponseEntity<ProblemDetail> connectionRequired(ConnectionRequired required) {
        ProblemDetail problem = ProblemDetails.of(HttpStatus.CONFLICT, "oauth2-connection-required",
                "Connection required", required.getMessage());
        problem.setProperty("connectionStatus", required.status().name());
        problem.setProperty("authorize", "/api/integrations/" + required.integration().value() + "/oauth2/authorize");
        return problem(problem);
    }

    @ExceptionHandler(AuthorizationRefused.class)
    ResponseEntity<ProblemDetail> authorizationRefused(AuthorizationRefused refused) {
        return problem(ProblemDetails.of(HttpStatus.BAD_REQUEST, "oauth2-authorization-refused",
                "Authorization refused", refused.getMessage()));
    }

    /**
     * A provider that did not give a usable answer. Its own explanation is passed on only as a JSON
     * string property, cleaned and short: never its body, never as markup.
     */
    @ExceptionHandler(ProviderFailure.class)
    ResponseEntity<ProblemDetail> providerFailed(ProviderFailure failure) {
        ProblemDetail problem = switch (failure.kind()) {
            case NOT_FOUND -> ProblemDetails.of(HttpStatus.NOT_FOUND, "provider-not-found", "Not found at the provider",
                    "The provider has no such document or folder.");
            case CREDENTIALS_REFUSED -> ProblemDetails.of(HttpStatus.BAD_GATEWAY, "provider-refused-credentials",
                    "Provider refused the credentials", "The provider refused the integration's credentials: "
                            + failure.getMessage());
            case TIMEOUT -> ProblemDetails.of(HttpStatus.GATEWAY_TIMEOUT, "provider-timeout", "Provider timed out",
                    failure.getMessage());
            case UNREACHABLE -> ProblemDetails.of(HttpStatus.BAD_GATEWAY, "provider-unreachable",
                    "Provider unreachable", failure.getMessage());
            case ANSWER_TOO_LARGE -> ProblemDetails.of(HttpStatus.BAD_GATEWAY, "provider-answer-too-large",
                    "Provider answer too large", failure.getMessage());
            case OUTBOUND_REFUSED -> ProblemDetails.of(HttpStatus.BAD_GATEWAY, "provider-address-refused",
                    "Provider address refused", "The service does not call this address: " + failure.getMessage());
            case PROVIDER_ERROR -> ProblemDetails.of(HttpStatus.BAD_GATEWAY, "provider-error", "Provider error",
                    failure.getMessage());
        };
        if (failure.providerStatus() > 0) {
            problem.setProperty("providerStatus", failure.providerStatus());
        }
        if (failure.providerMessage() != null) {
            problem.setProperty("providerMessage", failure.providerMessage());
        }
        return problem(problem);
    }

    /**
     * Too many provider calls under way for this integration or company: try again shortly. Nothing was
     * sent to the provider.
     */
    @ExceptionHandler(TooManyProviderCalls.class)
    ResponseEntity<ProblemDetail> tooManyProviderCalls(TooManyProviderCalls tooMany) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, tooMany.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-provider-calls",
                        "Too many provider calls", tooMany.getMessage()));
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
        log.error("A sealed secret does not open: {}", unreadable.getMessage());
        return problem(ProblemDetails.of(HttpStatus.INTERNAL_SERVER_ERROR, "secret-unreadable", "Secret unreadable",
                "The service cannot open a stored secret with its configured keyset; an operator must restore "
                        + "the key. Nothing was sent to the provider."));
    }

    /**
     * A header or parameter the security firewall refuses once the request is read (the path was checked
     * before): a control character where none may be. The value itself is never repeated.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException rejected) {
        ProblemDetail problem = ProblemDetails.of(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                REJECTED);
        String message = rejected.getMessage() == null ? "" : rejected.getMessage();
        for (Pattern part : REJECTED_PARTS) {
            Matcher matcher = part.matcher(message);
            if (matcher.find()) {
                String field = printable(matcher.group(1).strip());
                problem.setDetail(field + " " + REJECTED_RULE);
                problem.setProperty("errors", List.of(FieldProblem.of(field, REJECTED_RULE)));
                break;
            }
        }
        return problem(problem);
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
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(ProblemDetails.of(HttpStatus.SERVICE_UNAVAILABLE, "storage-unavailable",
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

    /**
     * With its content type set, so that it is written whatever the request accepted and whatever type the
     * failed answer had already chosen (an export's CSV).
     */
    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String printable(String name) {
        String shown = name.codePoints().limit(64)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.isEmpty() ? "(blank)" : name.length() > 64 ? shown + "..." : shown;
    }
}
