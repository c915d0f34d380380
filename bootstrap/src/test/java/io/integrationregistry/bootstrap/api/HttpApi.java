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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A real HTTP client of the running service, as a script or the admin page would use it. */
final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every body the service answered, so that a test can search them all for leaked secrets. */
    static final List<String> ANSWERED_BODIES = Collections.synchronizedList(new ArrayList<>());

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    private HttpApi(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    static HttpApi as(int port, String user, String password) {
        return new HttpApi("http://localhost:" + port, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    static HttpApi anonymous(int port) {
        return new HttpApi("http://localhost:" + port, null);
    }

    Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    Answer get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    Answer post(String path, String json, Map<String, String> headers) {
        return send("POST", path, json, headers);
    }

    Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    Answer put(String path, String json, Map<String, String> headers) {
        return send("PUT", path, json, headers);
    }

    Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            ANSWERED_BODIES.add(response.body());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** One answer of the service. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        /** The fields named in a validation problem's errors. */
        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
            return fields;
        }
    }
}
