package io.integrationregistry.adapters.rest;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Locale;

/**
 * The servlet container's error page ({@code /error}, where an error raised outside the controllers ends up,
 * such as a request the firewall rejects): answered as an RFC 9457 problem detail like every other error,
 * without the exception's message or trace. Asked for directly, {@code /error} is nothing ({@code 404}).
 * Replaces Spring Boot's whitelabel error controller.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null || !status.isError()) {
            // not an error dispatch: somebody asked for /error itself
            status = HttpStatus.NOT_FOUND;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, status.is4xxClientError()
                ? "The request cannot be answered: " + status.getReasonPhrase().toLowerCase(Locale.ROOT) + "."
                : "The request could not be handled.");
        problem.setType(URI.create("/problems/" + status.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
