package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderFailure;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A download's bytes as they come from the provider. A failure to read them (the connection broke,
 * the answer grew past its limit, the transfer ran past its deadline or below its minimum rate) is the
 * provider's and is thrown as a {@link ProviderFailure}, so that whoever streams them on can tell it
 * from a failure to write to its own client. Closing it closes the answer.
 */
final class ProviderBytes extends FilterInputStream {

    private final Answer answer;

    ProviderBytes(InputStream in, Answer answer) {
        super(in);
        this.answer = answer;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    @Override
    public void close() {
        answer.close();
    }
}
