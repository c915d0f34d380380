package io.integrationregistry.adapters.providerhttp;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.documents.port.out.ProviderContent;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider client against server-side request forgery at call time: redirects, names that change
 * their answer, names that point inside, and addresses in every spelling.
 */
class OutboundProtectionTest {

    private static final Map<String, String> DNS = Map.of(
            "docs.provider.test", "127.0.0.1",
            "intranet.provider.test", "10.1.2.3",
            "metadata.provider.test", "169.254.169.254",
            "v6loop.provider.test", "::1");

    private final ProviderCredentials credentials = Credentials.API_KEY.credentials();
    private final AtomicInteger rebindLookups = new AtomicInteger();
    private DocumentProviderStub fake;
    private OutboundGuard guard;
    private HttpDocumentProvider provider;
    private ProviderEndpoint endpoint;

    @BeforeEach
    void start() throws IOException {
        fake = Credentials.API_KEY.provider();
        guard = new OutboundGuard(OutboundPolicy.of(true, "127.0.0.1"), this::resolve);
        provider = newProvider();
        endpoint = new ProviderEndpoint(new BaseApiUrl(fake.baseApiUrl()), RequestParameters.of("tenant=acme"));
    }

    @AfterEach
    void stop() {
        provider.close();
        fake.close();
    }

    @Test
    void a_get_follows_a_redirect_on_the_same_origin_with_its_credentials() {
        fake.faults().redirectNext("metadata", DocumentProviderStub.BASE_PATH + "/metadata?id=doc-1&moved=1");

        assertThat(provider.metadata(endpoint, credentials, "doc-1").id()).isEqualTo("doc-1");

        assertThat(fake.received()).hasSize(2);
        assertThat(fake.last().query()).containsEntry("moved", "1");
        assertThat(fake.last().header("apiKey")).isEqualTo(Credentials.KEY);
    }

    @Test
    void a_relative_location_is_resolved_against_the_current_url() {
        fake.faults().redirectNext("metadata", "metadata?id=doc-2");

        assertThat(provider.metadata(endpoint, credentials, "doc-1").id()).isEqualTo("doc-2");
        assertThat(fake.last().path()).isEqualTo(DocumentProviderStub.BASE_PATH + "/metadata");
    }

    @Test
    void three_redirects_are_followed() throws IOException {
        fake.faults().redirectNext("download", fake.hops(2, DocumentProviderStub.BASE_PATH + "/download?id=doc-1"));

        try (ProviderContent content = provider.download(endpoint, credentials, "doc-1")) {
            assertThat(content.body().readAllBytes()).hasSize(1234);
        }
        assertThat(fake.received())
                .extracting(DocumentProviderStub.Received::path)
                .containsExactly(
                        DocumentProviderStub.BASE_PATH + "/download",
                        "/hop",
                        "/hop",
                        DocumentProviderStub.BASE_PATH + "/download");
    }

    @Test
    void a_fourth_redirect_is_refused() {
        fake.faults().redirectNext("metadata", fake.hops(3, DocumentProviderStub.BASE_PATH + "/metadata?id=doc-1"));

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
        assertThat(fake.received()).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://localhost:%d/api/v1/metadata?id=doc-1",
                "http://metadata.google.internal/computeMetadata/v1/",
                "http://[::1]:%d/api/v1/metadata?id=doc-1",
                "http://10.0.0.1/admin",
                "http://intranet.provider.test/",
                "file:///etc/passwd",
                "gopher://127.0.0.1:%d/_GET"
            })
    void a_redirect_to_where_the_service_must_not_go_is_refused(String location) {
        fake.faults().redirectNext("metadata", location.formatted(fake.port()));

        ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
        assertThat(fake.received()).hasSize(1);
    }

    @Test
    void credentials_do_not_follow_a_redirect_to_another_origin() throws IOException {
        try (DocumentProviderStub other = Credentials.API_KEY.provider()) {
            fake.faults().redirectNext("metadata", other.baseApiUrl() + "/metadata?id=doc-1");

            ProviderFailure failure = failureOf(() -> provider.metadata(endpoint, credentials, "doc-1"));

            assertThat(failure.kind()).isEqualTo(Kind.CREDENTIALS_REFUSED);
            assertThat(other.received()).singleElement().satisfies(request -> {
                assertThat(request.header("apiKey")).isNull();
                assertThat(request.header("username")).isNull();
                assertThat(request.header("Authorization")).isNull();
            });
        }
    }

    @Test
    void other_methods_do_not_follow_redirects() {
        fake.faults()
                .redirectNext("createFolder", DocumentProviderStub.BASE_PATH + "/createFolder?parentId=%2F&name=x");

        ProviderFailure failure = failureOf(() -> provider.createFolder(endpoint, credentials, "/", "x"));

        assertThat(failure.kind()).isEqualTo(Kind.PROVIDER_ERROR);
        assertThat(failure.providerStatus()).isEqualTo(302);
        assertThat(fake.received()).hasSize(1);
    }

    @Test
    void the_connection_goes_to_the_address_that_was_checked_and_a_rebound_name_is_refused() {
        ProviderEndpoint rebinding = new ProviderEndpoint(
                new BaseApiUrl("http://rebind.provider.test:" + fake.port() + DocumentProviderStub.BASE_PATH),
                RequestParameters.NONE);

        // First lookup: 127.0.0.1, allowed. The client connects there and does not ask again.
        assertThat(provider.metadata(rebinding, credentials, "doc-1").id()).isEqualTo("doc-1");
        assertThat(provider.metadata(rebinding, credentials, "doc-2").id()).isEqualTo("doc-2");
        assertThat(rebindLookups).hasValue(1);
        assertThat(fake.last().header("Host")).isEqualTo("rebind.provider.test:" + fake.port());

        // A new connection asks again; the name now points at 10.0.0.1 and nothing is sent.
        try (HttpDocumentProvider fresh = newProvider()) {
            ProviderFailure failure = failureOf(() -> fresh.metadata(rebinding, credentials, "doc-1"));
            assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
        }
        assertThat(rebindLookups).hasValue(2);
        assertThat(fake.received()).hasSize(2);
    }

    @Test
    void a_name_that_passes_at_registration_but_points_inside_is_refused_at_call_time() {
        URI url = URI.create("http://intranet.provider.test/api/v1");
        assertThat(new GuardedOutboundUrls(guard).refusal(url)).isEmpty();

        ProviderFailure failure = failureOf(() -> provider.metadata(
                new ProviderEndpoint(new BaseApiUrl(url.toString()), RequestParameters.NONE), credentials, "doc-1"));

        assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
        assertThat(failure.getMessage()).contains("not on the public internet");
    }

    @ParameterizedTest(name = "refused at call time: {0}")
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data",
                "http://[fd00:ec2::254]/latest/meta-data",
                "http://metadata.google.internal/computeMetadata/v1",
                "http://100.100.100.200/latest/meta-data",
                "http://localhost:%d/api/v1",
                "http://api.localhost:%d/api/v1",
                "http://127.0.0.2:%d/api/v1",
                "http://[::1]:%d/api/v1",
                "http://[::ffff:127.0.0.2]:%d/api/v1",
                "http://[::ffff:10.0.0.1]/api/v1",
                "http://10.0.0.1/api/v1",
                "http://172.16.0.1/api/v1",
                "http://192.168.1.1/api/v1",
                "http://100.64.0.1/api/v1",
                "http://0.0.0.0:%d/api/v1",
                "http://[fe80::1]/api/v1",
                "http://224.0.0.1/api/v1",
                "http://intranet.provider.test/api/v1",
                "http://metadata.provider.test/api/v1",
                "http://v6loop.provider.test:%d/api/v1"
            })
    void an_endpoint_pointing_where_the_service_must_not_go_is_refused_before_anything_is_sent(String base) {
        ProviderEndpoint inside =
                new ProviderEndpoint(new BaseApiUrl(base.formatted(fake.port())), RequestParameters.of("tenant=acme"));

        for (Runnable call : List.<Runnable>of(
                () -> provider.metadata(inside, credentials, "doc-1"),
                () -> provider.serviceInfo(inside, credentials),
                () -> provider.createFolder(inside, credentials, "/", "x"))) {
            ProviderFailure failure = failureOf(call);
            assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
            assertThat(failure.getMessage()).doesNotContain(Credentials.KEY);
        }
        assertThat(fake.received()).isEmpty();
    }

    @Test
    void plain_http_is_refused_where_the_operator_did_not_allow_it() {
        try (HttpDocumentProvider strict = new HttpDocumentProvider(
                new OutboundGuard(OutboundPolicy.of(false, "127.0.0.1"), this::resolve),
                ProviderHttpSettings.defaults())) {
            ProviderFailure failure = failureOf(() -> strict.metadata(endpoint, credentials, "doc-1"));

            assertThat(failure.kind()).isEqualTo(Kind.OUTBOUND_REFUSED);
            assertThat(failure.getMessage()).contains("only https");
        }
        assertThat(fake.received()).isEmpty();
    }

    private HttpDocumentProvider newProvider() {
        return new HttpDocumentProvider(
                guard,
                new ProviderHttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), 1024 * 1024, 1024 * 1024));
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("rebind.provider.test")) {
            String address = rebindLookups.incrementAndGet() == 1 ? "127.0.0.1" : "10.0.0.1";
            return new InetAddress[] {InetAddress.getByName(address)};
        }
        String address = DNS.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(address)};
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
