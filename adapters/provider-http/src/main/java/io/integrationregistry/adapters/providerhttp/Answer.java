package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderFailure;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A provider's answer whose body is still on the wire. The body is read only within a limit; closing
 * drops the connection unless the body was read to its end, so that abandoning a large answer never
 * means reading the rest of it first.
 */
final class Answer implements Closeable {

    private final URI url;
    private final ClassicHttpResponse response;
    private final CallDeadline deadline;

    Answer(URI url, ClassicHttpResponse response, CallDeadline deadline) {
        this.url = url;
        this.response = response;
        this.deadline = deadline;
    }

    URI url() {
        return url;
    }

    int status() {
        return response.getCode();
    }

    boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    String header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** The announced length, or -1. */
    long contentLength() {
        HttpEntity entity = response.getEntity();
        return entity == null ? 0 : entity.getContentLength();
    }

    /** The announced content type, or null. */
    String contentType() {
        HttpEntity entity = response.getEntity();
        return entity == null ? null : entity.getContentType();
    }

    /** The whole body, failing with {@link AnswerTooLarge} rather than holding more than {@code limit} bytes. */
    byte[] readAtMost(long limit) throws IOException {
        try (InputStream body = streamAtMost(limit)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.transferTo(bytes);
            return bytes.toByteArray();
        }
    }

    /** The body as a stream that fails after {@code limit} bytes; closing it closes this answer. */
    InputStream streamAtMost(long limit) throws IOException {
        if (contentLength() > limit) {
            throw new AnswerTooLarge(limit);
        }
        HttpEntity entity = response.getEntity();
        InputStream content = entity == null ? null : entity.getContent();
        return new LimitedInputStream(
                content == null ? InputStream.nullInputStream() : content, limit, this, deadline::moved);
    }

    /** What a failure to read this answer means, its call's deadline considered. */
    ProviderFailure failure(IOException failure) {
        return deadline.failure(failure, url.getHost());
    }

    /** Drops this answer of a redirect; its call's deadline goes on to the next hop. */
    void dropForNextHop() {
        closeResponse();
    }

    /** Ends the answer and its call's deadline. */
    @Override
    public void close() {
        try {
            closeResponse();
        } finally {
            deadline.close();
        }
    }

    private void closeResponse() {
        // Once the body was read to its end the connection is already back in the pool and this is a
        // no-op for it; otherwise the connection is dropped instead of drained.
        if (response instanceof ModalCloseable closeable) {
            closeable.close(CloseMode.IMMEDIATE);
        } else {
            try {
                response.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
        }
    }
}
