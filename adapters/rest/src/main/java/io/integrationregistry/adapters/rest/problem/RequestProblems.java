package io.integrationregistry.adapters.rest.problem;

import io.integrationregistry.domain.InvalidValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the client sent wrong: a broken field, a missing precondition, a header never accepted here. */
final class RequestProblems {

    static final String REJECTED =
            "The request was refused: a header or parameter holds something never accepted here.";
    static final String REJECTED_RULE = "must not contain control characters";
    /** The header or parameter the firewall names (its value is left out of the answer). */
    private static final List<Pattern> REJECTED_PARTS = List.of(
            Pattern.compile("header name \"(.*?)\" is not allowed", Pattern.DOTALL),
            Pattern.compile("header: \"(.*?)\" has a value", Pattern.DOTALL),
            Pattern.compile("parameter name \"(.*?)\" is not allowed", Pattern.DOTALL),
            Pattern.compile("parameter: \"(.*?)\" has a value", Pattern.DOTALL));

    private RequestProblems() {}

    static ProblemDetail invalid(InvalidRequest invalid) {
        return ProblemDetails.invalid(invalid.problems());
    }

    static ProblemDetail invalid(InvalidValue invalid) {
        return ProblemDetails.invalid(
                List.of(new FieldProblem(invalid.field(), invalid.rule(), invalid.field() + " " + invalid.rule())));
    }

    static ProblemDetail preconditionRequired(PreconditionRequired required) {
        return ProblemDetails.of(
                HttpStatus.PRECONDITION_REQUIRED,
                ProblemTypes.PRECONDITION_REQUIRED,
                "If-Match required",
                required.getMessage());
    }

    /**
     * A header or parameter the security firewall refuses once the request is read (the path was checked
     * before): a control character where none may be. The value itself is never repeated.
     */
    static ProblemDetail rejected(RequestRejectedException rejected) {
        ProblemDetail problem = rejected();
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
        return problem;
    }

    /** A request the security firewall refused, without saying which of its parts. */
    static ProblemDetail rejected() {
        return ProblemDetails.of(HttpStatus.BAD_REQUEST, ProblemTypes.REQUEST_REJECTED, "Request rejected", REJECTED);
    }

    private static String printable(String name) {
        String shown = name.codePoints()
                .limit(64)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.isEmpty() ? "(blank)" : name.length() > 64 ? shown + "..." : shown;
    }
}
