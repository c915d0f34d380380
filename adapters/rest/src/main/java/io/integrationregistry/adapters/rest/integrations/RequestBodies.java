package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;

/** Request bodies, read with a hard size limit so that no client can make the service buffer more. */
public final class RequestBodies {

    static final int MAX_BYTES = 64 * 1024;

    private RequestBodies() {}

    public static byte[] read(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) {
                throw tooLarge();
            }
            return body;
        } catch (IOException unreadable) {
            // the client sent less than it announced, or broken chunks: its request is at fault
            throw InvalidRequest.of(
                    "body",
                    "could not be read to its end (shorter than its Content-Length, or "
                            + "broken chunks); send it again");
        }
    }

    private static InvalidRequest tooLarge() {
        return InvalidRequest.of("body", "must be at most 64 KiB");
    }
}
