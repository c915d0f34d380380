package io.integrationregistry.adapters.providerhttp;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Counts what is read from the provider and fails once more than the limit has come, so that neither a
 * lying Content-Length nor an endless chunked answer can fill the memory or the disk of whoever reads
 * on. Closing it closes the answer, which releases (or drops) the connection.
 */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private final Closeable onClose;
    private final LongConsumer moved;
    private long count;
    private boolean closed;

    /** @param moved told of every byte read, for the transfer's rate */
    LimitedInputStream(InputStream in, long limit, Closeable onClose, LongConsumer moved) {
        super(in);
        this.limit = limit;
        this.onClose = onClose;
        this.moved = moved;
    }

    @Override
    public int read() throws IOException {
        int next = super.read();
        if (next >= 0) {
            counted(1);
        }
        return next;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            onClose.close();
        }
    }

    private void counted(long bytes) throws AnswerTooLarge {
        moved.accept(bytes);
        count += bytes;
        if (count > limit) {
            throw new AnswerTooLarge(limit);
        }
    }
}
