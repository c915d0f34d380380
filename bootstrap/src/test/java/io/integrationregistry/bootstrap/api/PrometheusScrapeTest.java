package io.integrationregistry.bootstrap.api;

import fixtures.providers.DocumentProviderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus}, read by the operator after calls through the service: the provider calls by
 * integration, endpoint, outcome and status; the commands by type and outcome; both projections' lag; the
 * idempotent creations; the sign-ins; the provider connection pool and the MongoDB driver. Nobody else may
 * read it.
 */
class PrometheusScrapeTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "scrape-provider-key-0123456789";
    private static final String PROMETHEUS = "/actuator/prometheus";

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        id = add(apiKeyProvider(unique("Scraped drive"), provider.baseApiUrl(), "tenant=acme", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    @Test
    void theOperatorScrapesEveryMeterOfTheServiceWithBoundedTags() {
        HttpApi dora = documentUser();
        assertThat(dora.get(documents("files?parentId=%2F&max=10&offset=0")).status())
                .isEqualTo(200);
        provider.faults().failNext("metadata", 500, "broken");
        assertThat(dora.get(documents("metadata?id=d-1")).status()).isNotEqualTo(200);
        String key = UUID.randomUUID().toString();
        String body = apiKeyBody(unique("Keyed"), API_KEY);
        for (int request = 0; request < 2; request++) {
            assertThat(alice().post("/api/integrations", body, Map.of("Idempotency-Key", key))
                            .status())
                    .isBetween(200, 201);
        }

        String scrape = scrape();

        assertThat(value(
                        scrape,
                        "registry_provider_calls_seconds_count",
                        "endpoint=\"files\"",
                        "integration=\"" + id + "\"",
                        "outcome=\"success\"",
                        "status=\"2xx\""))
                .isEqualTo(1);
        assertThat(value(
                        scrape,
                        "registry_provider_calls_seconds_count",
                        "endpoint=\"metadata\"",
                        "integration=\"" + id + "\"",
                        "outcome=\"provider-error\"",
                        "status=\"5xx\""))
                .isEqualTo(1);
        assertThat(value(
                        scrape, "registry_commands_seconds_count", "command=\"AddIntegration\"", "outcome=\"success\""))
                .isPositive();
        assertThat(value(scrape, "registry_idempotency_requests_total", "outcome=\"created\""))
                .isPositive();
        assertThat(value(scrape, "registry_idempotency_requests_total", "outcome=\"replayed\""))
                .isPositive();
        assertThat(value(scrape, "registry_idempotency_requests_total", "outcome=\"reused-key-refused\""))
                .isNotNegative();
        assertThat(value(scrape, "registry_idempotency_requests_total", "outcome=\"in-flight-refused\""))
                .isNotNegative();
        assertThat(value(scrape, "httpcomponents_httpclient_pool_total_max", "httpclient=\"providers\""))
                .isPositive();
        assertThat(total(scrape, "mongodb_driver_commands_seconds_count", "command=\"insert\""))
                .isPositive();
        assertThat(scrape).contains("mongodb_driver_pool_size{");
        assertThat(value(scrape, "eventProcessor_successCounter_total", "processorName=\"integration-list\""))
                .isNotNegative();
        assertThat(scrape).contains("registry_signin_throttled_total ", "registry_signin_failures_total ");
        // The tags never carry a user, a company, a document or a provider's address.
        assertThat(scrape).doesNotContain("dora", "alice", "acme", "127.0.0.1:" + provider.port());
    }

    @Test
    void bothProjectionsLagIsScrapedInEventsAndSeconds() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String scrape = scrape();
            for (String projection : new String[] {"integration-list", "audit-trail"}) {
                assertThat(value(scrape, "registry_projection_lag_events", "projection=\"" + projection + "\""))
                        .isZero();
                assertThat(value(scrape, "registry_projection_lag_seconds", "projection=\"" + projection + "\""))
                        .isZero();
            }
        });
    }

    @Test
    void signInsRefusedWhileLockedOutAreCounted() throws IOException {
        // From an address of its own, so that no other test's sign-ins are locked out with it.
        String address = "127.0.0.93";
        String user = "nobody-" + UUID.randomUUID();
        double throttledBefore = value(scrape(), "registry_signin_throttled_total");
        int status = 0;
        for (int attempt = 0; attempt < 12 && status != 429; attempt++) {
            status = signIn(address, user, "wrong-" + attempt);
        }
        assertThat(status).isEqualTo(429);

        String scrape = scrape();

        assertThat(value(scrape, "registry_signin_throttled_total")).isEqualTo(throttledBefore + 1);
        assertThat(value(scrape, "registry_signin_lockouts_total")).isPositive();
        assertThat(value(scrape, "registry_signin_failures_total")).isGreaterThanOrEqualTo(10);
        assertThat(scrape).doesNotContain(user, address);
    }

    @Test
    void onlyTheOperatorMayScrape() {
        HttpApi.Answer anonymous = anonymous().get(PROMETHEUS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        for (HttpApi user : new HttpApi[] {alice(), auditor(), documentUser(), globexAdmin()}) {
            HttpApi.Answer refused = user.get(PROMETHEUS);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    private String scrape() {
        HttpApi.Answer scraped = operator().get(PROMETHEUS);
        assertThat(scraped.status()).as(scraped.body()).isEqualTo(200);
        assertThat(scraped.header("Content-Type")).startsWith("text/plain");
        return scraped.body();
    }

    private String documents(String call) {
        return "/api/integrations/" + id + "/documents/" + call;
    }

    /** The sum of the series of {@code name} whose labels include every one of {@code labels}. */
    static double total(String scrape, String name, String... labels) {
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$")
                .matcher(scrape);
        double sum = 0;
        while (lines.find()) {
            String series = lines.group(1) == null ? "" : lines.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                sum += Double.parseDouble(lines.group(2));
            }
        }
        return sum;
    }

    /** The value of the one series of {@code name} whose labels include every one of {@code labels}. */
    static double value(String scrape, String name, String... labels) {
        Matcher lines = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$")
                .matcher(scrape);
        Double found = null;
        while (lines.find()) {
            String series = lines.group(1) == null ? "" : lines.group(1);
            boolean matches = true;
            for (String label : labels) {
                matches &= series.contains(label);
            }
            if (matches) {
                assertThat(found)
                        .as("one series of %s with %s", name, String.join(",", labels))
                        .isNull();
                found = Double.parseDouble(lines.group(2));
            }
        }
        assertThat(found)
                .as("a series of %s with %s in:%n%s", name, String.join(",", labels), scrape)
                .isNotNull();
        return found;
    }

    /** A GET with HTTP Basic credentials sent from {@code from}, a loopback address; answers the status. */
    private int signIn(String from, String user, String password) throws IOException {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/integrations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                head.write(b);
            }
            String statusLine = head.toString(StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
