package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import fixtures.providers.DocumentProviderStub.Received;
import fixtures.providers.ProviderFaults;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files travel through the service as streams, never whole in memory, and within their limit. */
class StreamingTest {

    private static final long MIB = 1024 * 1024;

    private final ProviderCredentials credentials = Credentials.BEARER.credentials();
    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;

    private void start(long maxDownloadBytes) throws IOException {
        fake = Credentials.BEARER.provider();
        provider = new HttpDocumentProvider(
                new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), host ->
                        new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(20), 64 * 1024, maxDownloadBytes));
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of("tenant=acme&x=1"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @Test
    void a_download_reaches_the_caller_while_the_provider_is_still_sending_it() throws IOException {
        start(ProviderHttpSettings.DEFAULT_MAX_DOWNLOAD_BYTES);
        long size = 64 * MIB;
        OfferTree.largeFile(fake, "big", size);
        fake.faults().holdDownloads(true);

        try (ProviderContent content = provider.download(endpoint, credentials, "big")) {
            assertThat(content.length()).isEqualTo(size);
            assertThat(content.contentType()).isEqualTo("application/octet-stream");
            InputStream body = content.body();
            byte[] buffer = new byte[8 * 1024];
            long total = readFully(body, buffer, ProviderFaults.HOLD_AFTER_BYTES, 0);

            // The provider waits for this before it sends the other 63 MiB: had the download been buffered,
            // the first bytes would never have arrived.
            assertThat(fake.faults().downloadFinished()).isFalse();
            fake.faults().releaseDownload();
            total = readFully(body, buffer, Long.MAX_VALUE, total);

            assertThat(total).isEqualTo(size);
        }
        assertThat(fake.faults().downloadFinished()).isTrue();
        assertThat(fake.last().query()).containsEntry("id", "big").containsEntry("tenant", "acme");
    }

    @Test
    void closing_a_download_early_drops_the_connection_instead_of_reading_the_rest() throws IOException {
        start(ProviderHttpSettings.DEFAULT_MAX_DOWNLOAD_BYTES);
        OfferTree.largeFile(fake, "big", 64 * MIB);
        fake.faults().holdDownloads(true);
        long started = System.nanoTime();

        try (ProviderContent content = provider.download(endpoint, credentials, "big")) {
            assertThat(content.body().readNBytes(1024)).hasSize(1024);
        }

        // Reading the rest would wait for the provider's release, which never comes.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(fake.faults().downloadFinished()).isFalse();
        assertThat(provider.metadata(endpoint, credentials, "doc-1").id()).isEqualTo("doc-1");
    }

    @Test
    void a_download_announced_larger_than_the_limit_is_refused_before_it_is_read() throws IOException {
        start(MIB);
        OfferTree.largeFile(fake, "big", 2 * MIB);

        assertThatThrownBy(() -> provider.download(endpoint, credentials, "big"))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.ANSWER_TOO_LARGE));
    }

    @Test
    void a_download_without_length_stops_once_it_passes_the_limit() throws IOException {
        start(MIB);
        OfferTree.largeFile(fake, "big", 2 * MIB);
        fake.faults().chunkedDownloads(true);

        try (ProviderContent content = provider.download(endpoint, credentials, "big")) {
            assertThat(content.length()).isEqualTo(-1);
            byte[] buffer = new byte[8 * 1024];
            long[] read = {0};
            assertThatThrownBy(() -> {
                        for (int n; (n = content.body().read(buffer)) >= 0; ) {
                            read[0] += n;
                        }
                    })
                    .isInstanceOfSatisfying(
                            ProviderFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.ANSWER_TOO_LARGE));
            assertThat(read[0]).isLessThanOrEqualTo(MIB);
        }
    }

    @Test
    void an_upload_of_known_length_is_streamed_to_the_provider_and_arrives_intact() throws IOException {
        start(ProviderHttpSettings.DEFAULT_MAX_DOWNLOAD_BYTES);
        long size = 16 * MIB;
        String id = provider.uploadInit(endpoint, credentials, new UploadTarget("/", "big.bin", "d", "v"))
                .id();

        // The source pauses after 1 MiB until the provider has received bytes: a buffering client would
        // wait forever and the source would fail.
        OperationResult result = provider.upload(
                endpoint,
                credentials,
                id,
                Patterns.stream(size, MIB, fake.uploadStarted()),
                size,
                "application/octet-stream");

        assertThat(result).isEqualTo(OperationResult.succeeded());
        Received upload = fake.last();
        assertThat(upload.method()).isEqualTo("PUT");
        assertThat(upload.header("Content-Length")).isEqualTo(String.valueOf(size));
        assertThat(upload.header("Content-Type")).startsWith("application/octet-stream");
        assertThat(upload.bodyBytes()).isEqualTo(size);
        assertThat(upload.bodySha256()).isEqualTo(Patterns.sha256(size));
        assertThat(upload.query())
                .containsEntry("id", id)
                .containsEntry("tenant", "acme")
                .containsEntry("x", "1");
    }

    @Test
    void an_upload_of_unknown_length_is_sent_in_chunks_and_arrives_intact() throws IOException {
        start(ProviderHttpSettings.DEFAULT_MAX_DOWNLOAD_BYTES);
        long size = 3 * MIB + 17;
        String id = provider.uploadInit(endpoint, credentials, new UploadTarget("/", "odd.bin", "d", "v"))
                .id();

        OperationResult result =
                provider.upload(endpoint, credentials, id, Patterns.stream(size, MIB, fake.uploadStarted()), -1, null);

        assertThat(result.success()).isTrue();
        Received upload = fake.last();
        assertThat(upload.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
        assertThat(upload.header("Content-Type")).startsWith("application/octet-stream");
        assertThat(upload.bodyBytes()).isEqualTo(size);
        assertThat(upload.bodySha256()).isEqualTo(Patterns.sha256(size));
    }

    @Test
    void a_source_that_fails_while_uploading_is_the_caller_s_failure_not_the_provider_s() throws IOException {
        start(ProviderHttpSettings.DEFAULT_MAX_DOWNLOAD_BYTES);
        InputStream failing = new SequenceInputStream(Patterns.stream(MIB, -1, null), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk gone");
            }
        });

        assertThatThrownBy(() -> provider.upload(endpoint, credentials, "doc-1", failing, 2 * MIB, null))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("disk gone");
    }

    private static long readFully(InputStream body, byte[] buffer, long until, long position) throws IOException {
        long total = position;
        while (total < until) {
            int read = body.read(buffer, 0, (int) Math.min(buffer.length, until - total));
            if (read < 0) {
                break;
            }
            for (int i = 0; i < read; i++) {
                if (buffer[i] != Patterns.byteAt(total + i)) {
                    throw new AssertionError("byte " + (total + i) + " differs");
                }
            }
            total += read;
        }
        return total;
    }
}
