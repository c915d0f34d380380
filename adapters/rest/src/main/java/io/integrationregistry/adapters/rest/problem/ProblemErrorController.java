package io.integrationregistry.adapters.rest.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error path as this API's problem details: what the container refuses before any
 * controller runs, and the error path itself when someone calls it (it is no resource: 404). It replaces
 * Spring Boot's default error page, whose JSON is no problem detail and which answers a direct call with 500.
 */
@Hidden
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    private final ObjectMapper json;

    ProblemErrorController(ObjectMapper json) {
        this.json = json;
    }

    /** Written as bytes with its own content type, so that no Accept header can turn it into another error. */
    @RequestMapping
    ResponseEntity<byte[]> error(HttpServletRequest request) throws JsonProcessingException {
        if (rejected(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            return answer(RequestProblems.rejected());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        ProblemDetail problem = status == null
                ? ProblemDetails.of(
                        HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", "There is nothing at this address.")
                : ProblemDetails.of(status, ProblemTypes.forStatus(status), status.getReasonPhrase(), detail(status));
        return answer(problem);
    }

    private ResponseEntity<byte[]> answer(ProblemDetail problem) throws JsonProcessingException {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(json.writeValueAsBytes(problem));
    }

    /** A header the security firewall refused when a filter read it, before any controller ran. */
    private static boolean rejected(Object failure) {
        for (Throwable cause = failure instanceof Throwable thrown ? thrown : null;
                cause != null;
                cause = cause.getCause()) {
            if (cause instanceof RequestRejectedException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed: its path, query or headers cannot be read.";
            case NOT_FOUND -> "There is nothing at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not take this method.";
            default ->
                status.is5xxServerError()
                        ? "The request could not be handled."
                        : "The request cannot be served: " + status.getReasonPhrase() + ".";
        };
    }
}
