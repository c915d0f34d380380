package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends one request as one principal over real HTTP; redirects are not followed. */
final class AccessClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: method, path with its query, headers, and a body (or none). */
    record Call(String method, String path, Map<String, String> headers, String body) {

        static Call get(String path) {
            return new Call("GET", path, Map.of(), null);
        }

        static Call of(String method, String path) {
            return new Call(method, path, Map.of(), null);
        }

        Call json(String json) {
            Map<String, String> withType = new LinkedHashMap<>(headers);
            withType.put("Content-Type", "application/json");
            return new Call(method, path, withType, json);
        }

        Call body(String contentType, String content) {
            Map<String, String> withType = new LinkedHashMap<>(headers);
            withType.put("Content-Type", contentType);
            return new Call(method, path, withType, content);
        }

        Call header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Call(method, path, more, body);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One answer. */
    record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return JSON.missingNode();
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    AccessClient(int port) {
        this.base = "http://localhost:" + port;
    }

    Answer send(AccessPrincipal principal, Call call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call.path()))
                .timeout(Duration.ofSeconds(20))
                .method(
                        call.method(),
                        call.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call.body()));
        principal.authorization().ifPresent(authorization -> request.header("Authorization", authorization));
        call.headers().forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException failed) {
            throw new UncheckedIOException(call + " as " + principal + " failed", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
