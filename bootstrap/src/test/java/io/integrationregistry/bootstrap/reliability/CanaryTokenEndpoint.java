package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A careless OAuth 2.0 token endpoint on a loopback port: it refuses every request and repeats in its
 * error description everything it received, the form (client secret, code and code verifier, or refresh
 * token) and the
 * Authorization header. A request without HTTP Basic gets 401, so that the client tries Basic too.
 */
final class CanaryTokenEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Set<String> codeVerifiers = ConcurrentHashMap.newKeySet();

    CanaryTokenEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenEndpoint() {
        return baseUrl() + "/token";
    }

    String authorizationEndpoint() {
        return baseUrl() + "/authorize";
    }

    int requests() {
        return requests.get();
    }

    /** The PKCE code verifiers the requests brought, which it repeated as well. */
    Set<String> codeVerifiers() {
        return Set.copyOf(codeVerifiers);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            for (String pair : form.split("&")) {
                if (pair.startsWith("code_verifier=")) {
                    codeVerifiers.add(
                            URLDecoder.decode(pair.substring("code_verifier=".length()), StandardCharsets.UTF_8));
                }
            }
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean basic = authorization != null && authorization.startsWith("Basic ");
            byte[] body = JSON.writeValueAsBytes(Map.of(
                    "error",
                    basic ? "invalid_grant" : "invalid_client",
                    "error_description",
                    "refused " + form + " with Authorization " + authorization));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(basic ? 400 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
