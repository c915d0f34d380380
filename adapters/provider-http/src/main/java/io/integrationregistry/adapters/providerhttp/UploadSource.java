package io.integrationregistry.adapters.providerhttp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The caller's bytes on their way to the provider, marked so that a failure to read them is not
 * blamed on the provider: the HTTP client reports both the same way.
 */
final class UploadSource extends FilterInputStream {

    UploadSource(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException failure) {
            throw new Failed(failure);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
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
