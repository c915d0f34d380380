package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A provider that sends a byte now and then never meets the read timeout; the call's own deadline, and
 * for transfers a minimum rate, end it instead, so that it holds a thread for a bounded time.
 */
class ProviderDeadlinesTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TRICKLE = Duration.ofMillis(100);
    /** What the scheduler, the dropped connection and a loaded machine may add to a deadline. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private final ProviderCredentials credentials = Credentials.BEARER.credentials();
    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;

    private void start(Duration callDeadline, Duration transferDeadline, long minimumRate, Duration window)
            throws IOException {
        fake = Credentials.BEARER.provider();
        provider = new HttpDocumentProvider(
                new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), host ->
                        new InetAddress[] {InetAddress.getLoopbackAddress()}),
                new ProviderHttpSettings(Duration.ofSeconds(2), READ_TIMEOUT, 64 * 1024, 1024 * 1024)
                        .withDeadlines(callDeadline, transferDeadline, minimumRate, window));
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.NONE);
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @Test
    void a_slow_provider_holds_no_thread_past_the_call_deadline() throws IOException {
        Duration deadline = Duration.ofSeconds(1);
        start(deadline, Duration.ofMinutes(1), 0, Duration.ofSeconds(30));
        // 100 bytes, one every 100 ms: 10 s in all, yet never 5 s between two of them.
        fake.faults().trickleNext("files", "application/json", json(100), TRICKLE);
        long started = System.nanoTime();

        assertThatThrownBy(() -> provider.files(endpoint, credentials, "/", null, null))
                .isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
                    assertThat(failure.getMessage()).contains("files").contains("within 1 s");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(deadline, deadline.plus(MARGIN));
        // the pool is not left with a broken connection
        assertThat(provider.metadata(endpoint, credentials, "doc-1").id()).isEqualTo("doc-1");
    }

    @Test
    void a_provider_slow_to_answer_at_all_ends_at_the_call_deadline_not_the_read_timeout() throws IOException {
        Duration deadline = Duration.ofSeconds(1);
        start(deadline, Duration.ofMinutes(1), 0, Duration.ofSeconds(30));
        fake.faults().delayNext("metadata", Duration.ofSeconds(4));
        long started = System.nanoTime();

        assertThatThrownBy(() -> provider.metadata(endpoint, credentials, "doc-1"))
                .isInstanceOfSatisfying(
                        ProviderFailure.class,
                        failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(deadline, deadline.plus(MARGIN));
    }

    @Test
    void a_download_ends_at_the_transfer_deadline() throws IOException {
        Duration deadline = Duration.ofSeconds(1);
        start(Duration.ofSeconds(30), deadline, 0, Duration.ofSeconds(30));
        fake.faults().trickleNext("download", "application/pdf", new byte[100], TRICKLE);
        long started = System.nanoTime();

        try (ProviderContent content = provider.download(endpoint, credentials, "doc-1")) {
            assertThatThrownBy(() -> readAll(content.body()))
                    .isInstanceOfSatisfying(
                            ProviderFailure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(deadline, deadline.plus(MARGIN));
    }

    @Test
    void a_download_slower_than_the_minimum_rate_is_cut_off_long_before_its_deadline() throws IOException {
        Duration window = Duration.ofMillis(500);
        start(Duration.ofSeconds(30), Duration.ofMinutes(10), 1_000, window);
        // 10 bytes a second where 1000 are the least
        fake.faults().trickleNext("download", "application/pdf", new byte[200], TRICKLE);
        long started = System.nanoTime();

        try (ProviderContent content = provider.download(endpoint, credentials, "doc-1")) {
            assertThatThrownBy(() -> readAll(content.body())).isInstanceOfSatisfying(ProviderFailure.class, failure -> {
                assertThat(failure.kind()).isEqualTo(ProviderFailure.Kind.TIMEOUT);
                assertThat(failure.getMessage()).contains("fewer than 1000 bytes a second");
            });
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(window, window.plus(MARGIN));
    }

    @Test
    void a_fast_download_is_not_cut_off_by_the_minimum_rate() throws IOException {
        start(Duration.ofSeconds(30), Duration.ofMinutes(10), 1_000, Duration.ofMillis(200));
        OfferTree.largeFile(fake, "big", 512 * 1024);

        try (ProviderContent content = provider.download(endpoint, credentials, "big")) {
            assertThat(readAll(content.body())).isEqualTo(512 * 1024);
        }
    }

    private static long readAll(InputStream body) throws IOException {
        byte[] buffer = new byte[8 * 1024];
        long total = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    /** An empty JSON list after {@code padding} spaces. */
    private static byte[] json(int padding) {
        byte[] spaces = new byte[padding];
        Arrays.fill(spaces, (byte) ' ');
        return (new String(spaces, StandardCharsets.US_ASCII) + "[]").getBytes(StandardCharsets.US_ASCII);
    }
}
