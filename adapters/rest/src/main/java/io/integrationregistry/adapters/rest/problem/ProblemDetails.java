package io.integrationregistry.adapters.rest.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.List;

/** RFC 9457 problem details of this API: a type per kind of problem, and the broken fields. */
public final class ProblemDetails {

    private ProblemDetails() {}

    /** @param type one of {@link ProblemTypes} */
    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = of(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.INVALID_REQUEST,
                "Invalid request",
                problems.size() == 1 ? problems.get(0).message() : problems.size() + " fields are invalid; see errors");
        problem.setProperty("errors", problems);
        return problem;
    }

    /**
     * With its content type set, so that it is written whatever the request accepted and whatever type the
     * failed answer had already chosen (an export's CSV).
     */
    static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
