package io.integrationregistry.bootstrap.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A plain HTTP client of the running service, signed in as one user: what another user or a script does. */
final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    RegistryClient(int port, String user, String password) {
        this.base = "http://localhost:" + port;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    Answer post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    Answer put(String path, String json, String etag) {
        return send("PUT", path, json, Map.of("If-Match", etag));
    }

    /** Adds an integration and answers its id. */
    String add(String json) {
        Answer added = post("/api/integrations", json);
        if (added.status() != 201) {
            throw new AssertionError("not added: " + added.status() + " " + added.body());
        }
        return added.json().path("id").asText();
    }

    JsonNode integration(String id) {
        return get("/api/integrations/" + id).json();
    }

    Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", authorization);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(), response.headers().firstValue("ETag").orElse(null), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    record Answer(int status, String etag, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }
    }

    static String oauth2Body(String name, String clientSecret) {
        return """
                {"name": "%s", "baseApiUrl": "https://docs.acme.example/api/v1",
                 "requestParameters": "access_type=offline",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.acme.example/authorize",
                   "tokenEndpointUrl": "https://auth.acme.example/token", "clientId": "registry-client",
                   "clientSecret": "%s"}}""".formatted(name, clientSecret);
    }

    static String apiKeyBody(String name, String baseApiUrl, String apiKey) {
        return """
                {"name": "%s", "baseApiUrl": "%s",
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, baseApiUrl, apiKey);
    }
}
