package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import io.integrationregistry.adapters.rest.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;

/**
 * Answers a request the security firewall refuses before any controller sees it (a path with {@code ..},
 * {@code //}, {@code ;} or an encoded slash, a control character in a header ...) with {@code 400} and an
 * {@code application/problem+json} body of type {@code /problems/request-rejected}.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    static final String DETAIL = "The request was refused before it reached the API: its path or a header holds "
            + "something never accepted here, such as \"..\", \"//\", \";\", an encoded slash or backslash, or a "
            + "control character.";

    private final ProblemResponses problems;

    ProblemRequestRejectedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        problems.write(
                request, response, HttpStatus.BAD_REQUEST, ProblemTypes.REQUEST_REJECTED, "Request rejected", DETAIL);
    }
}
