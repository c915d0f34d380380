package io.integrationregistry.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One generated request. Path, query and header values are byte strings (each char one byte), so that
 * they can carry invalid UTF-8; {@code @@…@@} placeholders are filled in when it is sent (a real id,
 * the current ETag, a fresh name). Its text is the readable counterexample when a property fails.
 */
record FuzzRequest(
        FuzzEndpoint endpoint,
        String method,
        String path,
        String query,
        List<Header> headers,
        FuzzCaller caller,
        byte[] body,
        String bodyDescription,
        Framing framing) {

    static final String DOC = "@@DOC@@";
    static final String OAUTH = "@@OAUTH@@";
    static final String GLOBEX = "@@GLOBEX@@";
    static final String ETAG = "@@ETAG@@";
    static final String NAME = "@@NAME@@";

    /** One header, its value a byte string. */
    record Header(String name, String value) {}

    /** How the request's body is framed on the wire; all but {@code CORRECT} go over a raw socket. */
    enum Framing {
        CORRECT,
        SHORT_CONTENT_LENGTH,
        LONG_CONTENT_LENGTH,
        NON_NUMERIC_CONTENT_LENGTH,
        TWO_CONTENT_LENGTHS,
        BROKEN_CHUNKS,
        CHUNKED_AND_LENGTH
    }

    /** Whether java.net.http cannot send it as it is, so that it must go over a raw socket. */
    boolean needsRawSocket() {
        if (framing != Framing.CORRECT
                || !method.matches("[A-Z]{1,10}")
                || method.equals("CONNECT")
                || method.equals("TRACE")
                || !isPrintableAscii(path)
                || !isPrintableAscii(query)) {
            return true;
        }
        for (Header header : headers) {
            if (!isPrintableAscii(header.value())
                    || !header.name().matches("[A-Za-z0-9-]+")
                    || header.value().isEmpty()
                    || RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return caller == FuzzCaller.GARBAGE_AUTHORIZATION;
    }

    private static final List<String> RESTRICTED =
            List.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

    private static boolean isPrintableAscii(String text) {
        return text.chars().allMatch(c -> (c > 0x20 && c < 0x7f) || c == ' ');
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        text.append(caller).append(' ').append(shown(method, 40)).append(' ').append(shown(path, 200));
        if (!query.isEmpty()) {
            text.append('?').append(shown(query, 300));
        }
        text.append("   [endpoint ").append(endpoint.name()).append(']');
        for (Header header : headers) {
            text.append("\n    ").append(shown(header.name(), 60)).append(": ").append(shown(header.value(), 160));
        }
        if (framing != Framing.CORRECT) {
            text.append("\n    framing: ").append(framing);
        }
        if (body != null) {
            text.append("\n    body (")
                    .append(body.length)
                    .append(" bytes, ")
                    .append(bodyDescription)
                    .append("): ")
                    .append(shown(new String(body, StandardCharsets.ISO_8859_1), 300));
        }
        return text.toString();
    }

    /** A byte string with its non-printable bytes escaped, cut to a readable length. */
    static String shown(String bytes, int max) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < bytes.length() && shown.length() < max; i++) {
            char c = bytes.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                shown.append(c);
            } else {
                shown.append(String.format("\\x%02X", (int) c & 0xFF));
            }
        }
        return bytes.length() > max ? shown + "…(" + bytes.length() + " in all)" : shown.toString();
    }
}
