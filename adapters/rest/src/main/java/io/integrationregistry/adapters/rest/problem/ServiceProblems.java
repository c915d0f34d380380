package io.integrationregistry.adapters.rest.problem;

import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.application.shared.StorageUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * What the service itself cannot do: reach its database (503, to be retried), open a stored secret, or
 * anything unforeseen (500, logged with its stack trace, which never reaches the client).
 */
final class ServiceProblems {

    /** The advice's logger: one category for every failure the API answers. */
    private static final Logger log = LoggerFactory.getLogger(RestExceptionHandler.class);

    private static final String RETRY_AFTER_SECONDS = "5";

    private ServiceProblems() {}

    static ProblemDetail secretUnreadable(SecretUnreadable unreadable) {
        log.error("A sealed secret does not open: {}", unreadable.getMessage());
        return ProblemDetails.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.SECRET_UNREADABLE,
                "Secret unreadable",
                "The service cannot open a stored secret with its configured keyset; an operator must restore "
                        + "the key. Nothing was sent to the provider.");
    }

    /**
     * A failure no other handler names. The storage adapters report an outage of the database as
     * {@link StorageUnavailable}, possibly wrapped by the framework on its way here: that is a 503.
     */
    static ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        if (isStorageOutage(failure)) {
            log.warn("Database unavailable: {}", failure.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ProblemDetails.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            ProblemTypes.STORAGE_UNAVAILABLE,
                            "Database unavailable",
                            "The database cannot be reached; nothing was changed. Retry later."));
        }
        log.error("Unexpected failure", failure);
        return ProblemDetails.answer(ProblemDetails.of(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Internal error",
                "The request could not be handled."));
    }

    private static boolean isStorageOutage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageUnavailable) {
                return true;
            }
        }
        return false;
    }
}
