package io.integrationregistry.adapters.rest.problem;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answers (a request line or header it cannot parse, before any servlet runs) as RFC 9457
 * problem details instead of Tomcat's HTML page; like the rest of the API they never show a stack trace or
 * the server's version.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    static final String TRANSFER_ENCODING_RULE = "must be chunked, the only transfer coding this service takes";

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        String errors = "";
        if (status == HttpStatus.NOT_IMPLEMENTED.value() && request.getHeader("Transfer-Encoding") != null) {
            // a transfer coding Tomcat does not take: the client's request is at fault, not the service
            status = HttpStatus.BAD_REQUEST.value();
            response.setStatus(status);
            errors = ",\"errors\":[{\"field\":\"Transfer-Encoding\",\"rule\":\"" + TRANSFER_ENCODING_RULE
                    + "\",\"message\":\"Transfer-Encoding " + TRANSFER_ENCODING_RULE + "\"}]";
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String type = ProblemTypes.forStatus(status).toString();
        String detail = !errors.isEmpty()
                ? "Transfer-Encoding " + TRANSFER_ENCODING_RULE
                : status == 400
                        ? "The request is malformed: its request line or headers cannot be read "
                                + "(such as bytes that are not allowed in a URL, or a header that is too large)."
                        : status >= 500
                                ? "The request could not be handled."
                                : "The request cannot be served: " + title + ".";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"" + errors + "}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone or the answer is already under way: nothing more to tell it
        }
    }
}
