package io.integrationregistry.application.documents;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes the provider is sending, still on the wire: whoever receives it streams {@link #body} on and
 * closes it, so that a download is never held whole in memory.
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
