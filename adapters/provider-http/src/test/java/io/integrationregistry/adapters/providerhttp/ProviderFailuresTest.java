package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ProviderFailure.Kind;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failing, slow, talkative or hostile provider turns into. */
class ProviderFailuresTest {

    private static final long MAX_ANSWER = 64 * 1024;

    private DocumentProviderStub fake;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;
    private final ProviderCredentials credentials = Credentials.API_KEY.credentials();

    @BeforeEach
    void start() throws IOException {
        fake = Credentials.API_KEY.provider();
        provider = new HttpDocumentProvider(
                guard(),
                new ProviderHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(400), MAX_ANSWER, 1024 * 1024));
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of("tenant=acme"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @Test
    void not_found_is_not_found_with_the_provider_s_reason() {
        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "missing"));

        assertThat(failure.kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(failure.providerStatus()).isEqualTo(404);
        assertThat(failure.providerMessage()).isEqualTo("no document missing");
    }

    @Test
    void a_download_of_a_missing_file_is_not_found() {
        assertThat(failureOf(() -> provider.download(endpoint, credentials, "missing"))
                        .kind())
                .isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void unauthorized_is_credentials_refused() {
        fake.faults().answerNext("files", 401, "application/json", "{\"message\":\"token expired\"}");

        ProviderFailure failure = failureOf(() -> provider.files(endpoint, credentials, "/", null, null));

        assertThat(failure.kind()).isEqualTo(Kind.CREDENTIALS_REFUSED);
        assertThat(failure.providerMessage()).isEqualTo("token expired");
    }

    @Test
    void a_server_error_is_a_provider_error_that_keeps_the_status() {
        fake.faults()
                .answerNext("search", 500, "application/json", "{\"status\":\"error\",\"error\":\"index offline\"}");

        ProviderFailure failure = failureOf(() -> provider.search(endpoint, credentials, "x", null, null, null));

        assertThat(failure.kind()).isEqualTo(Kind.PROVIDER_ERROR);
        assertThat(failure.providerStatus()).isEqualTo(500);
        assertThat(failure.providerMessage()).isEqualTo("index offline");
    }

    @Test
    void an_error_body_reaches_the_caller_only_as_a_cleaned_short_provider_message() {
        String hostile =
                "<script>alert(1)</script>\u0000\u001b[31m forged\r\nX-Injected: yes\u202Eevil" + "A".repeat(500);
        fake.faults()
                .answerNext(
                        "metadata", 500, "application/json", Json.write(Map.of("status", "error", "error", hostile)));

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

        assertThat(failure.providerMessage())
                .startsWith("<script>alert(1)</script> [31m forged X-Injected: yes")
                .doesNotContain("\u202E")
                .hasSizeLessThanOrEqualTo(ProviderText.MAX_LENGTH)
                .matches(text -> text.chars().noneMatch(Character::isISOControl), "has no control characters");
        assertThat(failure.getMessage()).doesNotContain("<script>").doesNotContain("AAAA");
    }

    @Test
    void an_error_body_that_is_not_json_gives_no_provider_message() {
        fake.faults().answerNext("metadata", 502, "text/html", "<html><h1>Bad gateway</h1><script>x()</script></html>");

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.PROVIDER_ERROR);
        assertThat(failure.providerStatus()).isEqualTo(502);
        assertThat(failure.providerMessage()).isNull();
        assertThat(failure.getMessage()).doesNotContain("script").doesNotContain("Bad gateway");
    }

    @ParameterizedTest
    @EnumSource(Credentials.class)
    void a_provider_that_echoes_our_credential_does_not_get_it_shown(Credentials kind) {
        fake.faults()
                .answerNext(
                        "metadata",
                        403,
                        "application/json",
                        Json.write(Map.of(
                                "error", "bad key " + Credentials.KEY + " or token Bearer " + Credentials.TOKEN)));

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, kind.credentials(), "doc-1"));

        String secret = kind == Credentials.API_KEY ? Credentials.KEY : Credentials.TOKEN;
        assertThat(failure.providerMessage()).doesNotContain(secret).contains(ProviderText.HIDDEN);
        assertThat(failure.getMessage()).doesNotContain(secret);
    }

    @Test
    void an_operation_failure_reason_is_cleaned_too() {
        fake.faults()
                .answerNext(
                        "rename",
                        200,
                        "application/json",
                        Json.write(Map.of("status", "failure", "error", "locked by\n" + Credentials.KEY + "\u0007")));

        assertThat(provider.rename(endpoint, credentials, "doc-1", "x").error())
                .isEqualTo("locked by " + ProviderText.HIDDEN);
    }

    @Test
    void a_provider_slower_than_the_read_timeout_times_out_quickly() {
        fake.faults().delayNext("metadata", Duration.ofSeconds(5));
        long started = System.nanoTime();

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(failure.getMessage()).doesNotContain(Credentials.KEY);
    }

    @Test
    void a_service_info_slower_than_the_read_timeout_times_out() {
        fake.faults().delayNext("serviceInfo", Duration.ofSeconds(5));

        assertThat(failureOf(() -> provider.serviceInfo(endpoint, credentials)).kind())
                .isEqualTo(Kind.TIMEOUT);
    }

    @Test
    void a_json_answer_announced_larger_than_the_limit_is_refused_before_it_is_read() {
        fake.faults().answerNext("files", 200, "application/json", largeJsonArray());

        ProviderFailure failure = failureOf(() -> provider.files(endpoint, credentials, "/", null, null));

        assertThat(failure.kind()).isEqualTo(Kind.ANSWER_TOO_LARGE);
    }

    @Test
    void a_json_answer_without_length_is_cut_off_at_the_limit() {
        fake.faults()
                .answerNextChunked(
                        "search", 200, "application/json", largeJsonArray().getBytes(StandardCharsets.UTF_8));

        ProviderFailure failure = failureOf(() -> provider.search(endpoint, credentials, "x", null, null, null));

        assertThat(failure.kind()).isEqualTo(Kind.ANSWER_TOO_LARGE);
    }

    @Test
    void the_provider_still_answers_after_an_oversized_answer_was_dropped() {
        fake.faults()
                .answerNextChunked(
                        "search", 200, "application/json", largeJsonArray().getBytes(StandardCharsets.UTF_8));
        failureOf(() -> provider.search(endpoint, credentials, "x", null, null, null));

        assertThat(provider.metadata(endpoint, credentials, "doc-1").id()).isEqualTo("doc-1");
    }

    @Test
    void a_provider_nobody_listens_for_is_unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ProviderEndpoint nowhere =
                new ProviderEndpoint(new BaseApiUrl("http://127.0.0.1:" + closedPort + "/api"), RequestParameters.NONE);

        ProviderFailure failure = failureOf(() -> provider.metadata(nowhere, credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(failure.getMessage()).doesNotContain(Credentials.KEY);
    }

    @Test
    void a_host_that_does_not_resolve_is_unreachable() {
        ProviderEndpoint unknown =
                new ProviderEndpoint(new BaseApiUrl("http://no-such-host.test/api"), RequestParameters.NONE);

        assertThat(failureOf(() -> provider.metadata(unknown, credentials, "doc-1"))
                        .kind())
                .isEqualTo(Kind.UNREACHABLE);
    }

    private static OutboundGuard guard() {
        return new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), host -> {
            if (host.endsWith(".test")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
    }

    private static String largeJsonArray() {
        String item = "{\"id\":\"x\",\"title\":\"" + "t".repeat(200) + "\"}";
        String[] items = new String[(int) (4 * MAX_ANSWER / item.length())];
        Arrays.fill(items, item);
        return "[" + String.join(",", items) + "]";
    }

    private static ProviderFailure failureOf(Runnable call) {
        try {
            call.run();
        } catch (ProviderFailure failure) {
            return failure;
        }
        throw new AssertionError("expected a ProviderFailure");
    }
}
