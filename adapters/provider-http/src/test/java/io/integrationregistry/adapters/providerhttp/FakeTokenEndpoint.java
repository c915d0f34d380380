package io.integrationregistry.adapters.providerhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 token endpoint on loopback (RFC 6749 §4.1.3, §6): it authenticates the client by the
 * secret in the form or by HTTP Basic, as configured, exchanges codes it issued and refreshes tokens it
 * granted, and records what it was sent.
 */
final class FakeTokenEndpoint implements AutoCloseable {

    static final String PATH = "/oauth/token";

    enum ClientAuthentication {
        POST,
        BASIC
    }

    /** One request as the endpoint saw it. */
    record Recorded(String contentType, String authorization, Map<String, String> form) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Set<String> codes = ConcurrentHashMap.newKeySet();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger issued = new AtomicInteger();
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private volatile ClientAuthentication accepted = ClientAuthentication.POST;
    private volatile int clientRejectionStatus = 401;
    private volatile boolean expiresInAsString;
    private volatile boolean omitRefreshToken;
    private volatile Duration delay = Duration.ZERO;
    private volatile String cannedContentType;
    private volatile String cannedBody;
    private volatile int cannedStatus;

    FakeTokenEndpoint(String clientId, String clientSecret, String redirectUri) throws IOException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    void issueCode(String code) {
        codes.add(code);
    }

    void issueRefreshToken(String token) {
        refreshTokens.add(token);
    }

    void accept(ClientAuthentication authentication) {
        this.accepted = authentication;
    }

    /** 401 as RFC 6749 asks for Basic, or 400 as many endpoints answer. */
    void rejectClientsWith(int status) {
        this.clientRejectionStatus = status;
    }

    void expiresInAsString(boolean on) {
        this.expiresInAsString = on;
    }

    void omitRefreshToken(boolean on) {
        this.omitRefreshToken = on;
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    void answer(int status, String contentType, String body) {
        this.cannedStatus = status;
        this.cannedContentType = contentType;
        this.cannedBody = body;
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = parseForm(body);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            requests.add(new Recorded(exchange.getRequestHeaders().getFirst("Content-Type"), authorization, form));
            Thread.sleep(delay.toMillis());
            if (cannedBody != null) {
                send(exchange, cannedStatus, cannedContentType, cannedBody);
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", "{\"error\":\"invalid_request\"}");
                return;
            }
            if (!clientAuthenticated(form, authorization)) {
                send(
                        exchange,
                        clientRejectionStatus,
                        "application/json",
                        "{\"error\":\"invalid_client\"," + "\"error_description\":\"client authentication failed for "
                                + clientSecret + "\"}");
                return;
            }
            String grant = form.get("grant_type");
            if ("authorization_code".equals(grant)
                    && codes.remove(String.valueOf(form.get("code")))
                    && redirectUri.equals(form.get("redirect_uri"))) {
                send(exchange, 200, "application/json;charset=UTF-8", tokens());
            } else if ("refresh_token".equals(grant)
                    && refreshTokens.contains(String.valueOf(form.get("refresh_token")))) {
                send(exchange, 200, "application/json", tokens());
            } else {
                send(
                        exchange,
                        400,
                        "application/json",
                        Json.write(Map.of(
                                "error",
                                "invalid_grant",
                                "error_description",
                                "grant " + form.getOrDefault("code", form.get("refresh_token"))
                                        + " is revoked\r\nor expired\u0000")));
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // nothing to answer
        } finally {
            exchange.close();
        }
    }

    private boolean clientAuthenticated(Map<String, String> form, String authorization) {
        if (form.containsKey("client_secret")) {
            return accepted == ClientAuthentication.POST
                    && clientId.equals(form.get("client_id"))
                    && clientSecret.equals(form.get("client_secret"));
        }
        if (authorization != null && authorization.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            String id = URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
            return accepted == ClientAuthentication.BASIC && clientId.equals(id) && clientSecret.equals(secret);
        }
        return false;
    }

    private String tokens() {
        int n = issued.incrementAndGet();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", "at-" + n + "-x9Y8w7");
        answer.put("token_type", "Bearer");
        answer.put("expires_in", expiresInAsString ? "3600" : 3600);
        if (!omitRefreshToken) {
            String refresh = "rt-" + n + "-q1W2e3";
            refreshTokens.add(refresh);
            answer.put("refresh_token", refresh);
        }
        answer.put("scope", "files.read files.write");
        return Json.write(answer);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }
}
