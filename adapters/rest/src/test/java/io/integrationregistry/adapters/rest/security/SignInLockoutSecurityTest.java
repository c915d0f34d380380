package io.integrationregistry.adapters.rest.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed HTTP Basic sign-ins over a real servlet container. Each client connects from its own loopback
 * address (127.0.0.x), which the service sees as the request's remote address; the counters' clock is
 * moved by the test.
 */
@SpringBootTest(
        classes = SecurityTestApp.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "registry.security.users.alice.password={noop}alice-secret",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=AUDITOR",
            "registry.security.users.bob.password={noop}bob-secret",
            "registry.security.users.bob.company=acme",
            "registry.security.users.bob.roles=AUDITOR",
            "registry.security.users.carol.password={noop}carol-secret",
            "registry.security.users.carol.company=acme",
            "registry.security.users.carol.roles=AUDITOR"
        })
@Import(SignInLockoutSecurityTest.ControlledClock.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInLockoutSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestConfiguration(proxyBeanMethods = false)
    static class ControlledClock {

        @Bean
        SignInAttemptsTest.ManualClock signInClock() {
            return new SignInAttemptsTest.ManualClock();
        }

        @Bean
        SignInAttempts signInAttempts(SignInAttemptsTest.ManualClock signInClock) {
            return new SignInAttempts(SignInAttempts.Settings.DEFAULTS, signInClock);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SignInAttemptsTest.ManualClock clock;

    /** One answer, read off the wire. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    /** GET /api/probe as this user, from this loopback address. */
    private Answer signIn(String from, String user, String password) {
        String credentials =
                Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/probe HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic " + credentials
                            + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(socket.getInputStream());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String raw = all.toString(StandardCharsets.UTF_8);
        int end = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.putIfAbsent(
                    head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    head[i].substring(colon + 1).trim());
        }
        String body = raw.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private void assertTooMany(Answer answer, String retryAfter) throws IOException {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo(retryAfter);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.header("WWW-Authenticate")).isNull();
        assertThat(answer.json().path("type").asText()).isEqualTo("/problems/too-many-sign-in-attempts");
        assertThat(answer.json().path("status").asInt()).isEqualTo(429);
        assertThat(answer.json().path("title").asText()).isEqualTo("Too many sign-in attempts");
    }

    /** A loopback address of its own for each test, so that their address counters never meet. */
    private static String address(int test, int client) {
        return "127.0." + test + "." + client;
    }

    @Test
    void ten_wrong_passwords_lock_the_user_name_out_with_429_and_retry_after_even_for_the_right_password(
            CapturedOutput output) throws IOException {
        String wrong = "wrong-" + UUID.randomUUID();
        for (int i = 1; i <= 10; i++) {
            assertThat(signIn(address(1, 1), "alice", wrong).status())
                    .as("attempt %d", i)
                    .isEqualTo(401);
        }

        assertTooMany(signIn(address(1, 1), "alice", wrong), "1");
        assertTooMany(signIn(address(1, 2), "alice", "alice-secret"), "1");

        assertThat(output)
                .contains("Sign-in locked out after failed attempts: user name 'alice' (10 failed")
                .doesNotContain(wrong)
                .doesNotContain("alice-secret");
        assertThat(output.toString().lines().filter(line -> line.contains("Sign-in locked out")))
                .allMatch(line -> line.contains("WARN"));
    }

    @Test
    void another_user_from_another_address_is_not_affected_by_a_locked_user_name() {
        for (int i = 0; i < 10; i++) {
            signIn(address(2, 1), "carol", "wrong");
        }

        assertThat(signIn(address(2, 1), "carol", "carol-secret").status()).isEqualTo(429);
        assertThat(signIn(address(2, 2), "bob", "bob-secret").status()).isEqualTo(200);
    }

    @Test
    void ten_failures_from_one_address_with_many_user_names_lock_the_address_only() throws IOException {
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(address(3, 1), "guess-" + i, "password-" + i).status())
                    .isEqualTo(401);
        }

        assertTooMany(signIn(address(3, 1), "bob", "bob-secret"), "1");
        assertThat(signIn(address(3, 2), "bob", "bob-secret").status()).isEqualTo(200);
    }

    @Test
    void the_lockout_doubles_after_it_ends_and_a_success_resets_the_count() throws IOException {
        for (int i = 0; i < 10; i++) {
            signIn(address(4, 1), "bob", "wrong");
        }
        assertTooMany(signIn(address(4, 2), "bob", "bob-secret"), "1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(signIn(address(4, 3), "bob", "wrong").status()).isEqualTo(401);
        assertTooMany(signIn(address(4, 3), "bob", "bob-secret"), "2");

        clock.advance(Duration.ofSeconds(2));
        assertThat(signIn(address(4, 4), "bob", "bob-secret").status()).isEqualTo(200);
        for (int i = 1; i <= 9; i++) {
            assertThat(signIn(address(4, 5), "bob", "wrong").status())
                    .as("attempt %d after the success", i)
                    .isEqualTo(401);
        }
        assertThat(signIn(address(4, 6), "bob", "bob-secret").status()).isEqualTo(200);
    }
}
