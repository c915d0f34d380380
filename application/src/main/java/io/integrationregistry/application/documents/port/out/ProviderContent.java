package io.integrationregistry.application.documents.port.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes the provider is sending, still on the wire: whoever receives it streams {@link #body} on and
 * closes it, so that a download is never held whole in memory. Should the provider fail while the
 * bytes are read (the connection broke, too many bytes, past the transfer's deadline or below its
 * minimum rate), reading {@link #body} throws that {@link ProviderFailure}, so that whoever streams the
 * bytes on can tell it from a failure to write them.
 *
 * @param contentType the provider's content type, or {@code application/octet-stream}
 * @param length      the announced length in bytes, or -1 when the provider did not say
 */
public record ProviderContent(String contentType, long length, InputStream body) implements Closeable {

    @Override
    public void close() throws IOException {
        body.close();
    }
}
