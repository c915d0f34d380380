package io.integrationregistry.adapters.providerhttp;

import org.apache.hc.core5.http.ContentType;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * The caller's bytes on their way to the provider, marked so that a failure to read them is not
 * blamed on the provider: the HTTP client reports both the same way.
 */
final class UploadSource extends FilterInputStream {

    private final LongConsumer moved;

    /** The type the caller gave its bytes, or {@code application/octet-stream} when it gave none or a broken one. */
    static ContentType contentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return ContentType.APPLICATION_OCTET_STREAM;
        }
        try {
            return ContentType.parse(contentType);
        } catch (RuntimeException unreadable) {
            return ContentType.APPLICATION_OCTET_STREAM;
        }
    }

    /** @param moved told of every byte read, for the transfer's rate */
    UploadSource(InputStream in, LongConsumer moved) {
        super(in);
        this.moved = moved;
    }

    @Override
    public int read() throws IOException {
        try {
            int next = super.read();
            if (next >= 0) {
                moved.accept(1);
            }
            return next;
        } catch (IOException failure) {
            throw new Failed(failure);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            int read = super.read(buffer, offset, length);
            moved.accept(read);
            return read;
        } catch (IOException failure) {
            throw new Failed(failure);
        }
    }

    /** Reading the caller's bytes failed; the cause says why. */
    static final class Failed extends IOException {

        Failed(IOException cause) {
            super("reading the bytes to upload failed", cause);
        }
    }
}
