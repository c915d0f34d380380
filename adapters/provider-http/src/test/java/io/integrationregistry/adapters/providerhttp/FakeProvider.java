package io.integrationregistry.adapters.providerhttp;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A document provider on loopback that implements the eleven endpoints of the Document Webhooks API over an
 * in-memory tree, records every request it gets, checks the credentials it was given, and can be told
 * to misbehave the ways real providers do.
 */
final class FakeProvider implements AutoCloseable {

    static final String BASE_PATH = "/api/v1";
    static final int HOLD_AFTER_BYTES = 1024 * 1024;

    enum DateStyle {
        RFC3339,
        RFC3339_OFFSET_NO_MILLIS,
        NO_OFFSET,
        EPOCH_MILLIS,
        EPOCH_MILLIS_STRING,
        GARBAGE
    }

    /** One request as the provider saw it. */
    record Recorded(
            String method,
            String path,
            Map<String, String> query,
            Map<String, String> headers,
            long bodySize,
            String bodySha256) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String endpoint() {
            return path.startsWith(BASE_PATH + "/") ? path.substring(BASE_PATH.length() + 1) : path;
        }
    }

    private record Node(String id, String title, String kind, String parentId, String mimeType, long size) {}

    private record Canned(int status, String contentType, byte[] body, boolean chunked) {}

    private record Trickle(String contentType, byte[] body, Duration interval) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Node> tree = new ConcurrentHashMap<>();
    private final Map<String, Canned> cannedNext = new ConcurrentHashMap<>();
    private final Map<String, String> redirectNext = new ConcurrentHashMap<>();
    private final Map<String, Duration> delayNext = new ConcurrentHashMap<>();
    private final Map<String, Trickle> trickleNext = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CountDownLatch downloadRelease = new CountDownLatch(1);
    private final CountDownLatch uploadStarted = new CountDownLatch(1);
    private final AtomicBoolean downloadFinished = new AtomicBoolean();
    private volatile String apiKey;
    private volatile String username;
    private volatile String bearer;
    private volatile DateStyle dateStyle = DateStyle.RFC3339;
    private volatile boolean unknownFields;
    private volatile boolean omitOptional;
    private volatile boolean sizeAsString;
    private volatile boolean chunkedDownloads;
    private volatile boolean holdDownloads;
    private volatile boolean setCookies;

    private FakeProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        tree.put("/", new Node("/", "Root", "folder", null, null, 0));
        tree.put("folder-1", new Node("folder-1", "Contracts", "folder", "/", null, 0));
        tree.put("doc-1", new Node("doc-1", "Offer.pdf", "file", "/", "application/pdf", 1234));
        tree.put("doc-2", new Node("doc-2", "Offer draft.docx", "file", "folder-1", "application/msword", 77));
        tree.put("doc-3", new Node("doc-3", "Budget.xlsx", "file", "folder-1", "application/vnd.ms-excel", 5));
        server.start();
    }

    static FakeProvider start() throws IOException {
        return new FakeProvider();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port();
    }

    String baseUrl() {
        return origin() + BASE_PATH;
    }

    FakeProvider acceptApiKey(String key, String user) {
        this.apiKey = key;
        this.username = user;
        return this;
    }

    FakeProvider acceptBearer(String token) {
        this.bearer = token;
        return this;
    }

    void dateStyle(DateStyle style) {
        this.dateStyle = style;
    }

    void unknownFields(boolean on) {
        this.unknownFields = on;
    }

    void omitOptional(boolean on) {
        this.omitOptional = on;
    }

    void sizeAsString(boolean on) {
        this.sizeAsString = on;
    }

    void chunkedDownloads(boolean on) {
        this.chunkedDownloads = on;
    }

    /** Large downloads stop after {@link #HOLD_AFTER_BYTES} until {@link #releaseDownload()}. */
    void holdDownloads(boolean on) {
        this.holdDownloads = on;
    }

    /** Every answer tries to plant a cookie. */
    void setCookies(boolean on) {
        this.setCookies = on;
    }

    void releaseDownload() {
        downloadRelease.countDown();
    }

    boolean downloadFinished() {
        return downloadFinished.get();
    }

    /** Counted down once the provider has received the first bytes of an upload. */
    CountDownLatch uploadStarted() {
        return uploadStarted;
    }

    void addLargeFile(String id, long size) {
        tree.put(id, new Node(id, id + ".bin", "file", "/", "application/octet-stream", size));
    }

    /** The next request to {@code endpoint} gets this answer instead of the real one. */
    void answerNext(String endpoint, int status, String contentType, String body) {
        cannedNext.put(endpoint, new Canned(status, contentType, body.getBytes(StandardCharsets.UTF_8), false));
    }

    void answerNextChunked(String endpoint, int status, String contentType, byte[] body) {
        cannedNext.put(endpoint, new Canned(status, contentType, body, true));
    }

    /** The next request to {@code endpoint} is redirected (302) to {@code location}. */
    void redirectNext(String endpoint, String location) {
        redirectNext.put(endpoint, location);
    }

    /** A location on this provider that redirects {@code hops} times before sending the client to {@code to}. */
    String hops(int hops, String to) {
        return "/hop?n=" + hops + "&to=" + URLEncoder.encode(to, StandardCharsets.UTF_8);
    }

    /**
     * The next request to {@code endpoint} gets a 200 whose body comes one byte at a time, {@code interval}
     * apart: never long enough between two bytes for a read timeout.
     */
    void trickleNext(String endpoint, String contentType, byte[] body, Duration interval) {
        trickleNext.put(endpoint, new Trickle(contentType, body, interval));
    }

    void delayNext(String endpoint, Duration delay) {
        delayNext.put(endpoint, delay);
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded last() {
        return requests.get(requests.size() - 1);
    }

    boolean has(String id) {
        return tree.containsKey(id);
    }

    String titleOf(String id) {
        return tree.get(id).title();
    }

    @Override
    public void close() {
        downloadRelease.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            if (setCookies) {
                exchange.getResponseHeaders().add("Set-Cookie", "session=planted; Path=/");
            }
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
            String endpoint = path.startsWith(BASE_PATH + "/") ? path.substring(BASE_PATH.length() + 1) : path;
            if (endpoint.equals("upload")) {
                upload(exchange, path, query);
                return;
            }
            record(exchange, path, query, drain(exchange.getRequestBody()), null);
            Duration delay = delayNext.remove(endpoint);
            if (delay != null) {
                Thread.sleep(delay.toMillis());
            }
            if (path.equals("/hop")) {
                int n = Integer.parseInt(query.get("n"));
                redirect(exchange, n > 1 ? hops(n - 1, query.get("to")) : query.get("to"));
                return;
            }
            String location = redirectNext.remove(endpoint);
            if (location != null) {
                redirect(exchange, location);
                return;
            }
            Trickle trickle = trickleNext.remove(endpoint);
            if (trickle != null) {
                exchange.getResponseHeaders().set("Content-Type", trickle.contentType());
                exchange.sendResponseHeaders(200, trickle.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (byte b : trickle.body()) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(trickle.interval().toMillis());
                    }
                }
                return;
            }
            Canned canned = cannedNext.remove(endpoint);
            if (canned != null) {
                send(exchange, canned.status(), canned.contentType(), canned.body(), canned.chunked());
                return;
            }
            if (!endpoint.equals("serviceInfo") && !authorized(exchange.getRequestHeaders())) {
                error(exchange, 403, "invalid credentials");
                return;
            }
            answer(exchange, endpoint, query);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // The client closed the connection; nothing to answer.
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, String endpoint, Map<String, String> query)
            throws IOException, InterruptedException {
        switch (endpoint) {
            case "serviceInfo" -> json(exchange, 200, """
                    {"webhookVersion":"1.0","version":"2.3.4","publisher":"Fake DMS",
                     "availableEndpoints":["metadata","files","search","download","thumbnail","uploadInit",
                       "upload","createFolder","delete","rename","serviceInfo"],
                     "customActions":[{"name":"approve","label":"Approve","parameters":{"level":2}}],
                     "supportsWebhooks":true}""");
            case "metadata" -> {
                Node node = tree.get(String.valueOf(query.get("id")));
                if (node == null) {
                    error(exchange, 404, "no document " + query.get("id"));
                } else {
                    json(exchange, 200, metadata(node));
                }
            }
            case "files" -> json(exchange, 200, list(children(query.get("parentId"), null), query));
            case "search" -> json(exchange, 200, list(children(query.get("parentId"), query.get("query")), query));
            case "download" -> download(exchange, query.get("id"));
            case "thumbnail" -> {
                Node node = tree.get(String.valueOf(query.get("id")));
                if (node == null) {
                    error(exchange, 404, "no document " + query.get("id"));
                } else {
                    send(
                            exchange,
                            200,
                            "image/png",
                            ("thumbnail of " + node.id() + " at " + query.get("size")).getBytes(StandardCharsets.UTF_8),
                            false);
                }
            }
            case "uploadInit" -> {
                String id = "file-" + ids.incrementAndGet();
                Node node = new Node(
                        id,
                        query.get("filename"),
                        "file",
                        query.getOrDefault("parentId", "/"),
                        "application/octet-stream",
                        0);
                tree.put(id, node);
                json(exchange, 200, metadata(node));
            }
            case "createFolder" -> {
                String id = "folder-" + (100 + ids.incrementAndGet());
                Node node = new Node(id, query.get("name"), "folder", query.getOrDefault("parentId", "/"), null, 0);
                tree.put(id, node);
                json(exchange, 200, metadata(node));
            }
            case "delete" -> {
                String id = query.containsKey("documentId") ? query.get("documentId") : query.get("folderId");
                if (id != null && tree.remove(id) != null) {
                    json(exchange, 200, "{\"status\":\"success\"}");
                } else {
                    json(exchange, 200, "{\"status\":\"failure\",\"error\":\"nothing to delete: " + id + "\"}");
                }
            }
            case "rename" -> {
                Node node = tree.get(String.valueOf(query.get("id")));
                if (node == null) {
                    json(exchange, 200, "{\"status\":\"failure\",\"error\":\"no document\"}");
                } else {
                    tree.put(
                            node.id(),
                            new Node(
                                    node.id(),
                                    query.get("name"),
                                    node.kind(),
                                    node.parentId(),
                                    node.mimeType(),
                                    node.size()));
                    json(exchange, 200, "{\"status\":\"success\"}");
                }
            }
            default -> error(exchange, 404, "no endpoint " + endpoint);
        }
    }

    private void upload(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = exchange.getRequestBody()) {
            for (int read; (read = body.read(buffer)) >= 0; ) {
                if (read > 0) {
                    uploadStarted.countDown();
                }
                sha256.update(buffer, 0, read);
                size += read;
            }
        }
        record(exchange, path, query, size, HexFormat.of().formatHex(sha256.digest()));
        Canned canned = cannedNext.remove("upload");
        if (canned != null) {
            send(exchange, canned.status(), canned.contentType(), canned.body(), canned.chunked());
            return;
        }
        if (!authorized(exchange.getRequestHeaders())) {
            error(exchange, 403, "invalid credentials");
            return;
        }
        Node node = tree.get(String.valueOf(query.get("id")));
        if (node == null) {
            json(exchange, 200, "{\"result\":\"fail\",\"error\":\"no upload was started for this id\"}");
            return;
        }
        tree.put(node.id(), new Node(node.id(), node.title(), node.kind(), node.parentId(), node.mimeType(), size));
        json(exchange, 200, "{\"result\":\"success\"}");
    }

    private void download(HttpExchange exchange, String id) throws IOException, InterruptedException {
        Node node = tree.get(String.valueOf(id));
        if (node == null || node.kind().equals("folder")) {
            error(exchange, 404, "no file " + id);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", node.mimeType());
        exchange.sendResponseHeaders(200, chunkedDownloads ? 0 : node.size());
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = exchange.getResponseBody()) {
            long written = 0;
            while (written < node.size()) {
                int length = (int) Math.min(chunk.length, node.size() - written);
                for (int i = 0; i < length; i++) {
                    chunk[i] = Patterns.byteAt(written + i);
                }
                out.write(chunk, 0, length);
                written += length;
                if (holdDownloads && written == HOLD_AFTER_BYTES) {
                    out.flush();
                    downloadRelease.await(20, TimeUnit.SECONDS);
                }
            }
        }
        downloadFinished.set(true);
    }

    private boolean authorized(Headers headers) {
        if (apiKey != null) {
            return apiKey.equals(headers.getFirst("apiKey")) && username.equals(headers.getFirst("username"));
        }
        if (bearer != null) {
            return ("Bearer " + bearer).equals(headers.getFirst("Authorization"));
        }
        return true;
    }

    private List<Node> children(String parentId, String search) {
        return tree.values().stream()
                .filter(node -> parentId == null ? !node.id().equals("/") : parentId.equals(node.parentId()))
                .filter(node -> search == null
                        || node.title().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT)))
                .sorted(Comparator.comparing(Node::id))
                .toList();
    }

    private String list(List<Node> nodes, Map<String, String> query) {
        int offset = query.containsKey("offset") ? Integer.parseInt(query.get("offset")) : 0;
        int max = query.containsKey("max") ? Integer.parseInt(query.get("max")) : Integer.MAX_VALUE;
        List<String> items = new ArrayList<>();
        for (int i = offset; i < nodes.size() && items.size() < max; i++) {
            items.add(metadata(nodes.get(i)));
        }
        return "[" + String.join(",", items) + "]";
    }

    private String metadata(Node node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", node.id());
        fields.put("title", node.title());
        fields.put("kind", node.kind());
        if (!omitOptional) {
            fields.put("viewLink", "https://dms.example/view/" + node.id());
            fields.put("downloadLink", "https://dms.example/download/" + node.id());
            if (node.mimeType() != null) {
                fields.put("mimeType", node.mimeType());
            }
            fields.put("dateModified", date());
            fields.put("size", sizeAsString ? String.valueOf(node.size()) : node.size());
            fields.put("readOnly", node.id().equals("doc-3"));
        }
        if (unknownFields) {
            fields.put("owner", Map.of("name", "Kim", "roles", List.of("admin")));
            fields.put("x-tags", List.of("a", "b"));
            fields.put("version", 7.5);
        }
        return Json.write(fields);
    }

    private Object date() {
        return switch (dateStyle) {
            case RFC3339 -> "2024-05-06T07:08:09.123Z";
            case RFC3339_OFFSET_NO_MILLIS -> "2024-05-06T09:08:09+02:00";
            case NO_OFFSET -> "2024-05-06T07:08:09.123";
            case EPOCH_MILLIS -> 1714979289123L;
            case EPOCH_MILLIS_STRING -> "1714979289123";
            case GARBAGE -> "last tuesday, around noon";
        };
    }

    private void record(HttpExchange exchange, String path, Map<String, String> query, long bodySize, String sha) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        requests.add(new Recorded(exchange.getRequestMethod(), path, query, headers, bodySize, sha));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Json.write(Map.of("status", "error", "error", message)));
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body.getBytes(StandardCharsets.UTF_8), false);
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body, boolean chunked)
            throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length == 0 && !chunked) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static long drain(InputStream body) throws IOException {
        try (body) {
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
