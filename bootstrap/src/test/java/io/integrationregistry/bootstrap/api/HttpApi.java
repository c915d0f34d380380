package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A real HTTP client of the running service, as a script or the admin page would use it. */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every body the service answered, so that a test can search them all for leaked secrets. */
    static final List<String> ANSWERED_BODIES = Collections.synchronizedList(new ArrayList<>());
    /** Every answer of the service, headers included, in the order received. */
    public static final List<Answer> ANSWERS = Collections.synchronizedList(new ArrayList<>());

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;
    private final Duration timeout;

    private HttpApi(String base, String authorization, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
    }

    public static HttpApi as(int port, String user, String password) {
        return new HttpApi("http://localhost:" + port, basic(user, password), null);
    }

    /** A client that gives up on an answer after {@code timeout} (an {@link UncheckedIOException}). */
    public static HttpApi as(int port, String user, String password, Duration timeout) {
        return new HttpApi("http://localhost:" + port, basic(user, password), timeout);
    }

    public static HttpApi anonymous(int port) {
        return new HttpApi("http://localhost:" + port, null, null);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Answer post(String path, String json, Map<String, String> headers) {
        return send("POST", path, json, headers);
    }

    public Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    public Answer put(String path, String json, Map<String, String> headers) {
        return send("PUT", path, json, headers);
    }

    public Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (timeout != null) {
            request.timeout(timeout);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ANSWERED_BODIES.add(response.body());
            Answer answer = new Answer(response.statusCode(), response.headers().map(), response.body());
            ANSWERS.add(answer);
            return answer;
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** One answer of the service. */
    public record Answer(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        /** The cookie {@code name} this answer sets, as a browser sends it back ({@code name=value}); null if none. */
        public String cookie(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase("Set-Cookie"))
                    .flatMap(entry -> entry.getValue().stream())
                    .filter(cookie -> cookie.startsWith(name + "="))
                    .map(cookie -> cookie.split(";", 2)[0])
                    .findFirst()
                    .orElse(null);
        }

        /** The fields named in a validation problem's errors. */
        public List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors")
                    .forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        }
    }
}
