package io.integrationregistry.adapters.rest.problem;

import io.integrationregistry.application.connections.AuthorizationRefused;
import io.integrationregistry.application.connections.ConnectionRequired;
import io.integrationregistry.application.connections.IntegrationNotActive;
import io.integrationregistry.application.connections.NotAnOAuth2Integration;
import io.integrationregistry.application.integrations.IdempotencyKeyReused;
import io.integrationregistry.application.integrations.IdempotencyStillInFlight;
import io.integrationregistry.application.integrations.NameAlreadyTaken;
import io.integrationregistry.application.integrations.TooManyReservations;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.projections.port.out.RebuildUnderWay;
import io.integrationregistry.domain.IntegrationRuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * What the registry refuses to do for a well-formed request: an integration that is not there (or is
 * another company's), a name already taken, a change that lost a race, a caller without the right.
 */
final class RefusalProblems {

    private RefusalProblems() {}

    static ProblemDetail ruleViolation(IntegrationRuleViolation violation) {
        return switch (violation.rule()) {
            case INTEGRATION_MUST_EXIST, INTEGRATION_BELONGS_TO_ITS_COMPANY -> notFound();
            case INTEGRATION_ID_MUST_BE_NEW ->
                ProblemDetails.of(
                        HttpStatus.CONFLICT,
                        ProblemTypes.CONFLICT,
                        "Integration already exists",
                        violation.rule().description());
            case SECRET_BOUND_TO_ORIGIN ->
                ProblemDetails.invalid(List.of(new FieldProblem(
                        violation.detail(),
                        "must be given again to send it to another origin",
                        violation.detail() + " must be given again to send it to another origin")));
            case NEW_AUTHENTICATION_NEEDS_ITS_SECRET ->
                ProblemDetails.invalid(List.of(new FieldProblem(
                        violation.detail(),
                        "is required when this authentication type is first chosen",
                        violation.detail() + " is required when this authentication type is first chosen")));
        };
    }

    /** No integration of the caller's company has this id, or the id is none an integration could have. */
    static ProblemDetail notFound() {
        return ProblemDetails.of(
                HttpStatus.NOT_FOUND,
                ProblemTypes.NOT_FOUND,
                "Integration not found",
                "There is no integration with this id in your company.");
    }

    static ProblemDetail nameTaken(NameAlreadyTaken taken) {
        ProblemDetail problem = ProblemDetails.of(
                HttpStatus.CONFLICT,
                ProblemTypes.DUPLICATE_NAME,
                "Name already used",
                "Another integration of your company already has this name.");
        problem.setProperty("errors", List.of(new FieldProblem(taken.field(), taken.rule(), "name " + taken.rule())));
        return problem;
    }

    static ProblemDetail concurrent(ConcurrentModification conflict, HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.IF_MATCH) != null) {
            return ProblemDetails.of(
                    HttpStatus.PRECONDITION_FAILED,
                    ProblemTypes.STALE_VERSION,
                    "Someone else changed this integration",
                    "The integration changed since the version in If-Match; read it again and retry.");
        }
        return ProblemDetails.of(
                HttpStatus.CONFLICT,
                ProblemTypes.CONCURRENT_CHANGE,
                "Concurrent change",
                "Another change to this integration was stored at the same moment; read it again and retry.");
    }

    static ProblemDetail rebuildUnderWay(RebuildUnderWay underWay) {
        return ProblemDetails.of(
                HttpStatus.CONFLICT, ProblemTypes.REBUILD_UNDER_WAY, "Rebuild under way", underWay.getMessage());
    }

    static ProblemDetail keyReused(IdempotencyKeyReused reused) {
        return ProblemDetails.of(
                HttpStatus.UNPROCESSABLE_ENTITY,
                ProblemTypes.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key reused",
                reused.getMessage());
    }

    static ResponseEntity<ProblemDetail> keyInFlight(IdempotencyStillInFlight inFlight) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetails.of(
                        HttpStatus.CONFLICT,
                        ProblemTypes.IDEMPOTENCY_KEY_IN_FLIGHT,
                        "Request still in progress",
                        inFlight.getMessage()));
    }

    /** The company's open reservations are at their bound; no retry helps until one is used or expires. */
    static ProblemDetail tooManyReservations(TooManyReservations tooMany) {
        ProblemDetail problem = ProblemDetails.of(
                HttpStatus.TOO_MANY_REQUESTS,
                ProblemTypes.TOO_MANY_RESERVATIONS,
                "Too many reserved integration ids",
                tooMany.getMessage());
        problem.setProperty("limit", tooMany.limit());
        return problem;
    }

    static ProblemDetail notActive(IntegrationNotActive notActive) {
        return ProblemDetails.of(
                HttpStatus.CONFLICT,
                ProblemTypes.INTEGRATION_NOT_ACTIVE,
                "Integration not active",
                notActive.getMessage());
    }

    static ProblemDetail notOAuth2(NotAnOAuth2Integration notOAuth2) {
        return ProblemDetails.of(
                HttpStatus.CONFLICT, ProblemTypes.NOT_OAUTH2, "Not an OAuth2 integration", notOAuth2.getMessage());
    }

    static ProblemDetail connectionRequired(ConnectionRequired required) {
        ProblemDetail problem = ProblemDetails.of(
                HttpStatus.CONFLICT,
                ProblemTypes.OAUTH2_CONNECTION_REQUIRED,
                "Connection required",
                required.getMessage());
        problem.setProperty("connectionStatus", required.status().name());
        problem.setProperty(
                "authorize", "/api/integrations/" + required.integration().value() + "/oauth2/authorize");
        return problem;
    }

    static ProblemDetail authorizationRefused(AuthorizationRefused refused) {
        return ProblemDetails.of(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.OAUTH2_AUTHORIZATION_REFUSED,
                "Authorization refused",
                refused.getMessage());
    }

    static ProblemDetail denied() {
        return ProblemDetails.of(
                HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", "You are not allowed to do this.");
    }

    static ProblemDetail unauthenticated() {
        return ProblemDetails.of(
                HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", "Sign in to use this API.");
    }
}
