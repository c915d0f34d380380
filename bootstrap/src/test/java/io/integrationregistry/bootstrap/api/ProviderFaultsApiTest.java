package io.integrationregistry.bootstrap.api;

import fixtures.providers.DocumentProviderStub;
import fixtures.providers.DocumentProviderStub.BrokenDownload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Providers that misbehave on purpose: sending a byte now and then, answering slowly to many calls at
 * once, breaking a download off. Each is bounded, and none looks to the client like a success.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(
        properties = {
            "registry.outbound.call-deadline=PT1S",
            "registry.outbound.max-download-size=512KB",
            "registry.outbound.max-concurrent-calls-per-integration=2",
            "registry.outbound.max-concurrent-calls-per-company=3"
        })
class ProviderFaultsApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "faulty-provider-key-0123456789";
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(1);
    /** What the timer, the dropped connection and a loaded machine may add to a deadline. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        id = add(apiKeyProvider(unique("Faulty drive"), provider.baseApiUrl(), "", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    private String documents(String id, String call) {
        return "/api/integrations/" + id + "/documents/" + call;
    }

    @Test
    void a_slow_provider_holds_no_thread_past_the_call_deadline() {
        // a byte every 100 ms: never 2 s (the read timeout) between two, yet 40 s for the whole list
        provider.trickleAnswers(100);
        long started = System.nanoTime();

        HttpApi.Answer slow = documentUser().get(documents(id, "files?parentId=%2F"));

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(slow.status()).as(slow.body()).isEqualTo(504);
        assertThat(slow.header("Content-Type")).startsWith("application/problem+json");
        assertThat(slow.json().path("type").asText()).isEqualTo("/problems/provider-timeout");
        assertThat(took).isBetween(CALL_DEADLINE, CALL_DEADLINE.plus(MARGIN));
    }

    @Test
    void a_slow_provider_cannot_take_every_thread_one_call_too_many_is_429_and_other_companies_go_on()
            throws Exception {
        // each download's 4 bytes come 500 ms apart: 2 s under way, within the transfer deadline
        provider.trickleAnswers(500);
        DocumentProviderStub globexProvider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            HttpApi.Answer addedByGlobex = globexAdmin()
                    .post(
                            "/api/integrations",
                            apiKeyProvider(unique("Globex drive"), globexProvider.baseApiUrl(), "", PROVIDER_KEY));
            assertThat(addedByGlobex.status()).as(addedByGlobex.body()).isEqualTo(201);
            String globexId = addedByGlobex.json().path("id").asText();
            Supplier<HttpApi.Answer> download = () -> documentUser().get(documents(id, "download?id=d-1"));
            List<CompletableFuture<HttpApi.Answer>> held = List.of(
                    CompletableFuture.supplyAsync(download, callers), CompletableFuture.supplyAsync(download, callers));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> provider.received("download").size() == 2);

            HttpApi.Answer oneTooMany = documentUser().get(documents(id, "files"));
            long started = System.nanoTime();
            HttpApi.Answer otherCompany = globexAdmin().get(documents(globexId, "files"));
            Duration otherTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(oneTooMany.status()).as(oneTooMany.body()).isEqualTo(429);
            assertThat(oneTooMany.header("Retry-After")).matches("[1-9][0-9]*");
            assertThat(oneTooMany.header("Content-Type")).startsWith("application/problem+json");
            assertThat(oneTooMany.json().path("type").asText()).isEqualTo("/problems/too-many-provider-calls");
            assertThat(oneTooMany.json().path("status").asInt()).isEqualTo(429);
            assertThat(otherCompany.status()).as(otherCompany.body()).isEqualTo(200);
            assertThat(otherTook).isLessThan(Duration.ofSeconds(1));
            for (CompletableFuture<HttpApi.Answer> call : held) {
                assertThat(call.get().status()).isEqualTo(200);
                assertThat(call.get().body()).isEqualTo("%PDF");
            }
            // the refused call never reached the provider, and the downloads gave their places back
            assertThat(provider.received("files")).isEmpty();
            provider.trickleAnswers(0);
            assertThat(documentUser().get(documents(id, "files")).status()).isEqualTo(200);
        } finally {
            callers.shutdownNow();
            globexProvider.close();
        }
    }

    @Test
    void a_broken_download_does_not_look_like_a_successful_one_an_endless_one_is_cut_off_incomplete(
            CapturedOutput output) {
        provider.breakDownloads(BrokenDownload.ENDLESS);

        // 512 KiB are sent before the limit is passed: the client sees the transfer break off, no final chunk
        assertThatThrownBy(() -> documentUser().get(documents(id, "download?id=d-1")))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(documentUser().get(documents(id, "metadata?id=d-1")).status())
                .isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Unexpected failure");
    }

    @Test
    void a_broken_download_does_not_look_like_a_successful_one_a_large_body_short_of_its_length_breaks_off(
            CapturedOutput output) {
        provider.breakDownloads(BrokenDownload.A_THIRD_OF_A_LARGE_LENGTH);

        // 128 KiB are sent before the provider stops: the client sees the transfer break off short of its length

        assertThatThrownBy(() -> documentUser().get(documents(id, "download?id=d-1")))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Unexpected failure");
    }

    @Test
    void a_broken_download_does_not_look_like_a_successful_one_a_body_short_of_its_length_is_502(
            CapturedOutput output) {
        provider.breakDownloads(BrokenDownload.HALF_OF_ITS_LENGTH);

        // the 500 bytes never left the response buffer: the answer can still be the provider's failure
        HttpApi.Answer shortBody = documentUser().get(documents(id, "download?id=d-1"));

        assertThat(shortBody.status()).as(shortBody.body()).isEqualTo(502);
        assertThat(shortBody.header("Content-Type")).startsWith("application/problem+json");
        assertThat(shortBody.header("Content-Disposition")).isNull();
        assertThat(shortBody.json().path("type").asText()).isEqualTo("/problems/provider-error");
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("Unexpected failure");
    }

    @Test
    void a_broken_download_does_not_look_like_a_successful_one_a_failure_before_any_byte_is_502() {
        provider.breakDownloads(BrokenDownload.NOTHING_OF_ITS_LENGTH);

        HttpApi.Answer nothing = documentUser().get(documents(id, "download?id=d-1"));

        assertThat(nothing.status()).as(nothing.body()).isEqualTo(502);
        assertThat(nothing.json().path("type").asText()).isEqualTo("/problems/provider-error");
    }
}
