package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A document provider on loopback that accepts every call: whatever the registry forwards, it answers
 * the success answers of the Document Webhooks API, so that any 5xx the fuzzer sees is the registry's own.
 */
final class FuzzProvider implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private FuzzProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static FuzzProvider start() {
        try {
            return new FuzzProvider();
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    String baseApiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/v1";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String endpoint = path.substring(path.lastIndexOf('/') + 1);
            String id = parameter(exchange.getRequestURI().getRawQuery(), "id");
            switch (endpoint) {
                case "serviceInfo" -> {
                    ObjectNode info = JSON.createObjectNode()
                            .put("webhookVersion", "1.0")
                            .put("version", "1.0.0")
                            .put("publisher", "Fuzz Documents");
                    info.putArray("availableEndpoints")
                            .add("metadata")
                            .add("files")
                            .add("search")
                            .add("download");
                    info.putArray("customActions");
                    answer(exchange, "application/json", JSON.writeValueAsBytes(info));
                }
                case "metadata", "uploadInit", "createFolder" ->
                    answer(exchange, "application/json", JSON.writeValueAsBytes(item(id == null ? "u-1" : id)));
                case "files", "search" ->
                    answer(
                            exchange,
                            "application/json",
                            JSON.writeValueAsBytes(JSON.createArrayNode().add(item("d-1"))));
                case "download" -> answer(exchange, "application/pdf", "%PDF".getBytes(StandardCharsets.US_ASCII));
                case "thumbnail" -> answer(exchange, "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                case "upload" ->
                    answer(
                            exchange,
                            "application/json",
                            "{\"result\":\"success\"}".getBytes(StandardCharsets.US_ASCII));
                default ->
                    answer(
                            exchange,
                            "application/json",
                            "{\"status\":\"success\"}".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static ObjectNode item(String id) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("title", "Plan.pdf")
                .put("kind", "file")
                .put("viewLink", "https://provider.example/view/1")
                .put("mimeType", "application/pdf")
                .put("dateModified", 1735689600000L)
                .put("size", 4)
                .put("readOnly", false);
    }

    private static String parameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
