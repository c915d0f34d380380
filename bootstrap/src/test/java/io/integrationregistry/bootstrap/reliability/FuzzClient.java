package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.reliability.FuzzRequest.Framing;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Header;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a generated request to the service: through java.net.http when it can carry it, otherwise as raw
 * HTTP/1.1 bytes over a socket (invalid UTF-8, odd methods, restricted or broken headers, wrong framing).
 */
final class FuzzClient {

    /** One answer; {@code status} is 0 when the service closed the connection without answering. */
    record Answer(int status, Map<String, String> headers, byte[] body, boolean raw) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    FuzzClient(int port) {
        this.port = port;
    }

    /** Sends the request with its placeholders already filled in. */
    Answer send(String method, String target, List<Header> headers, byte[] body, Framing framing, boolean raw) {
        if (!raw) {
            try {
                return viaHttpClient(method, target, headers, body);
            } catch (IllegalArgumentException cannotCarryIt) {
                // java.net.http refuses this URI or header: send the same bytes over a socket instead
            } catch (UncheckedIOException connectionReused) {
                // a pooled connection the service had closed: send the same bytes again on a fresh one
            }
        }
        return viaSocket(method, target, headers, body, framing);
    }

    private Answer viaHttpClient(String method, String target, List<Header> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        for (Header header : headers) {
            request.header(header.name(), header.value());
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> answered = new LinkedHashMap<>();
            response.headers()
                    .map()
                    .forEach((name, values) -> answered.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
            return new Answer(response.statusCode(), answered, response.body(), false);
        } catch (IOException failed) {
            throw new UncheckedIOException("no answer to " + method + " " + target, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private Answer viaSocket(String method, String target, List<Header> headers, byte[] body, Framing framing) {
        byte[] payload = body == null ? new byte[0] : body;
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: 127.0.0.1:").append(port).append("\r\n");
        head.append("Connection: close\r\n");
        for (Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        byte[] content = payload;
        switch (framing) {
            case CORRECT -> {
                if (body != null) {
                    head.append("Content-Length: ").append(payload.length).append("\r\n");
                }
            }
            case SHORT_CONTENT_LENGTH ->
                head.append("Content-Length: ")
                        .append(Math.max(0, payload.length / 2))
                        .append("\r\n");
            case LONG_CONTENT_LENGTH ->
                head.append("Content-Length: ").append(payload.length + 100).append("\r\n");
            case NON_NUMERIC_CONTENT_LENGTH -> head.append("Content-Length: 12abc\r\n");
            case TWO_CONTENT_LENGTHS ->
                head.append("Content-Length: ")
                        .append(payload.length)
                        .append("\r\nContent-Length: ")
                        .append(payload.length + 1)
                        .append("\r\n");
            case BROKEN_CHUNKS -> {
                head.append("Transfer-Encoding: chunked\r\n");
                content = ("zz\r\n" + new String(payload, StandardCharsets.ISO_8859_1) + "\r\n0\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
            case CHUNKED_AND_LENGTH -> {
                head.append("Transfer-Encoding: chunked\r\nContent-Length: ")
                        .append(payload.length)
                        .append("\r\n");
                content = (Integer.toHexString(payload.length) + "\r\n"
                                + new String(payload, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        head.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(content);
                out.flush();
                if (framing != Framing.CORRECT) {
                    // the service must not wait for bytes that never come
                    socket.shutdownOutput();
                }
            } catch (IOException closedEarly) {
                // the service may answer and close before it has read everything (a body it refuses)
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no answer within 30 s to " + method + " " + target, silent);
        } catch (IOException failed) {
            return new Answer(0, Map.of(), new byte[0], true);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            // a connection the service reset after its answer still holds that answer
        }
        byte[] bytes = all.toByteArray();
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        while (text.startsWith("HTTP/1.1 1") && end > 0) {
            // an interim answer (100 Continue) comes before the real one
            bytes = Arrays.copyOfRange(bytes, end + 4, bytes.length);
            text = text.substring(end + 4);
            end = text.indexOf("\r\n\r\n");
        }
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(0, Map.of(), bytes, true);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(),
                        (a, b) -> a + ", " + b);
            }
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunked(body);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            body = Arrays.copyOf(body, Math.min(length, body.length));
        }
        return new Answer(status, headers, body, true);
    }

    private static byte[] dechunked(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(length, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
