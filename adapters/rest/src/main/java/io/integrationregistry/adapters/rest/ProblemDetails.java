package io.integrationregistry.adapters.rest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details of this API: a type per kind of problem, and the broken fields. */
final class ProblemDetails {

    private ProblemDetails() {
    }

    static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        return problem;
    }

    static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                problems.size() == 1 ? problems.get(0).message()
                        : problems.size() + " fields are invalid; see errors");
        problem.setProperty("errors", problems);
        return problem;
    }
}
