package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import io.integrationregistry.adapters.rest.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;

/** Answers a forbidden request with {@code 403} and an {@code application/problem+json} body of type {@code /problems/forbidden}. */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    static final String NOT_ALLOWED = "Your role does not allow this request.";
    static final String CSRF_MISSING = "A request that changes data with the admin page's session needs its CSRF "
            + "token in the X-XSRF-TOKEN header (from the XSRF-TOKEN cookie). Reload the page and try again.";

    private final ProblemResponses problems;

    ProblemAccessDeniedHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        problems.write(request, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", detail(denied));
    }

    private static String detail(AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            // the admin page's session: the message of Spring's would repeat the token sent
            return CSRF_MISSING;
        }
        if (denied instanceof AuthorizationDeniedException authorization) {
            return authorization.getAuthorizationResult() instanceof CompanyAuthorizationManager.NoCompany noCompany
                    ? noCompany.reason()
                    : NOT_ALLOWED;
        }
        // thrown by this package (Callers) with a message meant for the user
        String message = denied.getMessage();
        return message == null || message.isBlank() ? NOT_ALLOWED : message;
    }
}
