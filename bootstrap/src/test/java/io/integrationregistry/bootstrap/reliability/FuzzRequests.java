package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.reliability.FuzzRequest.Framing;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Header;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Generates requests to every endpoint: mostly as an administrator, with odd methods, paths, parameters and headers. */
final class FuzzRequests {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");

    private static final List<String> GARBAGE_SEGMENTS = List.of(
            "not-an-id",
            "..",
            "%2e%2e",
            "%2F",
            "%00",
            "%C3%28",
            "%ZZ",
            "a;b",
            "%3B",
            "%F0%9F%99%82",
            "%20",
            "x".repeat(300),
            "00000000-0000-0000-0000-000000000000",
            "%7Bid%7D",
            "%252F",
            "%5C",
            "-1",
            "0",
            "null",
            "%E2%80%AE",
            "integration-list;x");

    private static final List<String> ODD_VALUES = List.of(
            "-1",
            "0",
            "1",
            "2",
            "1000000000000",
            "99999999999999999999",
            "-99999999999999999999",
            "abc",
            "",
            "%20",
            "1e3",
            "0x10",
            "NaN",
            "2026-11-28T10:15:30Z",
            "%2B999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z",
            "2026-13-45T99:99:99Z",
            "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999%2B18:00",
            "0000-01-01T00:00:00Z",
            "2026-11-28T10:15:30%2B25:00",
            "ACTIVE",
            "inactive",
            "EDITED",
            "csv",
            "ndjson",
            "xml",
            "%2F",
            "d-1",
            "f-1",
            "%00",
            "%C3%28",
            "%FF%FE",
            "%E2%80%AE",
            "%0D%0ASet-Cookie:x=1",
            "..%2F..%2Fetc%2Fpasswd",
            "%3Cscript%3E",
            "%27%20OR%201%3D1",
            "%7B%22%24gt%22%3A%22%22%7D",
            "eyJhIjoxfQ",
            "%25",
            "x".repeat(2000));

    private static final List<String> UNKNOWN_PARAMETERS = List.of(
            "debug",
            "page",
            "size",
            "asOf",
            "version",
            "sort",
            "_method",
            "callback",
            "%24where",
            "%00",
            "q%5B%5D",
            "a".repeat(500));

    private final List<FuzzEndpoint> endpoints;
    private final FuzzBodies bodies;

    FuzzRequests(List<FuzzEndpoint> endpoints, FuzzBodies bodies) {
        this.endpoints = endpoints;
        this.bodies = bodies;
    }

    Arbitrary<FuzzRequest> requests() {
        Map<FuzzEndpoint, Arbitrary<FuzzRequest>> byEndpoint = new HashMap<>();
        endpoints.forEach(endpoint -> byEndpoint.put(endpoint, requests(endpoint)));
        return Arbitraries.of(endpoints).flatMap(byEndpoint::get);
    }

    private Arbitrary<FuzzRequest> requests(FuzzEndpoint endpoint) {
        Arbitrary<String> methods = Arbitraries.frequency(
                Tuple.of(88, endpoint.method()),
                Tuple.of(2, "GET"),
                Tuple.of(2, "POST"),
                Tuple.of(2, "PUT"),
                Tuple.of(2, "DELETE"),
                Tuple.of(1, "PATCH"),
                Tuple.of(1, "HEAD"),
                Tuple.of(1, "OPTIONS"),
                Tuple.of(1, "TRACE"),
                Tuple.of(1, "PROPFIND"),
                Tuple.of(1, "get"),
                Tuple.of(1, "M-SEARCH"),
                Tuple.of(1, "X".repeat(300)),
                Tuple.of(1, "G\u00c9T"));
        Arbitrary<String> paths = path(endpoint);
        Arbitrary<String> queries = query(endpoint);
        Arbitrary<List<Header>> headers = headers(endpoint);
        Arbitrary<FuzzCaller> callers = Arbitraries.frequency(
                Tuple.of(74, FuzzCaller.ADMIN),
                Tuple.of(5, FuzzCaller.AUDITOR),
                Tuple.of(5, FuzzCaller.DOCUMENT_USER),
                Tuple.of(4, FuzzCaller.OTHER_COMPANY_ADMIN),
                Tuple.of(4, FuzzCaller.OPERATOR),
                Tuple.of(4, FuzzCaller.ANONYMOUS),
                Tuple.of(2, FuzzCaller.WRONG_PASSWORD),
                Tuple.of(2, FuzzCaller.GARBAGE_AUTHORIZATION));
        Arbitrary<FuzzBodies.Body> requestBodies = bodies.bodies(endpoint.body());
        Arbitrary<Framing> framings = Arbitraries.frequency(
                Tuple.of(94, Framing.CORRECT),
                Tuple.of(1, Framing.SHORT_CONTENT_LENGTH),
                Tuple.of(1, Framing.LONG_CONTENT_LENGTH),
                Tuple.of(1, Framing.NON_NUMERIC_CONTENT_LENGTH),
                Tuple.of(1, Framing.TWO_CONTENT_LENGTHS),
                Tuple.of(1, Framing.BROKEN_CHUNKS),
                Tuple.of(1, Framing.CHUNKED_AND_LENGTH));
        return Combinators.combine(methods, paths, queries, headers, callers, requestBodies, framings)
                .as((method, path, query, headerList, caller, body, framing) -> new FuzzRequest(
                        endpoint, method, path, query, headerList, caller, body.bytes(), body.description(), framing));
    }

    private static Arbitrary<String> path(FuzzEndpoint endpoint) {
        Matcher variables = VARIABLE.matcher(endpoint.pattern());
        List<String> names = new ArrayList<>();
        while (variables.find()) {
            names.add(variables.group(1));
        }
        if (names.isEmpty()) {
            return Arbitraries.frequency(
                    Tuple.of(95, endpoint.pattern()),
                    Tuple.of(2, endpoint.pattern() + "/"),
                    Tuple.of(1, endpoint.pattern() + ";jsessionid=x"),
                    Tuple.of(1, endpoint.pattern() + "/%2e%2e"),
                    Tuple.of(1, endpoint.pattern().replace("/api/", "//api/")));
        }
        Arbitrary<List<String>> values = Arbitraries.just(List.<String>of());
        for (String name : names) {
            Arbitrary<String> value = segment(name);
            values = Combinators.combine(values, value).as((known, added) -> {
                List<String> all = new ArrayList<>(known);
                all.add(added);
                return all;
            });
        }
        return values.map(filled -> {
            Matcher matcher = VARIABLE.matcher(endpoint.pattern());
            StringBuilder path = new StringBuilder();
            int index = 0;
            while (matcher.find()) {
                matcher.appendReplacement(path, Matcher.quoteReplacement(filled.get(index++)));
            }
            matcher.appendTail(path);
            return path.toString();
        });
    }

    private static Arbitrary<String> segment(String variable) {
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Arbitraries.of(GARBAGE_SEGMENTS),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).map(FuzzRequests::encoded),
                Arbitraries.of("\u00c3(", "a b", "\u00ff", "x\u0000y", "%"));
        Arbitrary<String> randomId = Combinators.combine(Arbitraries.longs(), Arbitraries.longs())
                .as((high, low) -> new UUID(high, low).toString());
        if (variable.equals("id")) {
            return Arbitraries.frequencyOf(
                    Tuple.of(45, Arbitraries.just(FuzzRequest.DOC)),
                    Tuple.of(15, Arbitraries.just(FuzzRequest.OAUTH)),
                    Tuple.of(8, Arbitraries.just(FuzzRequest.GLOBEX)),
                    Tuple.of(14, randomId),
                    Tuple.of(18, garbage));
        }
        if (variable.equals("name")) {
            return Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.of("integration-list", "audit-trail")),
                    Tuple.of(10, Arbitraries.of("unknown", "INTEGRATION-LIST", "integration-list ")),
                    Tuple.of(87, garbage));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(50, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)), Tuple.of(50, garbage));
    }

    private static Arbitrary<String> query(FuzzEndpoint endpoint) {
        Arbitrary<String> values = Arbitraries.frequencyOf(
                Tuple.of(55, Arbitraries.of(ODD_VALUES)),
                Tuple.of(30, Arbitraries.strings().ofMaxLength(30).map(FuzzRequests::encoded)),
                Tuple.of(5, Arbitraries.strings().all().ofMaxLength(8).map(FuzzRequests::encoded)),
                Tuple.of(5, Arbitraries.of("\u00c3(", "a b", "\u00ff\u00fe", "x\u0000", "%", "%%", "a=b=c")),
                Tuple.of(5, Arbitraries.integers().map(String::valueOf)));
        List<String> declared = endpoint.parameters();
        Arbitrary<String> names = declared.isEmpty()
                ? Arbitraries.of(UNKNOWN_PARAMETERS)
                : Arbitraries.frequencyOf(
                        Tuple.of(80, Arbitraries.of(declared)), Tuple.of(20, Arbitraries.of(UNKNOWN_PARAMETERS)));
        Arbitrary<String> pair = Combinators.combine(
                        names, values, Arbitraries.integers().between(0, 19))
                .as((name, value, shape) -> shape == 0
                        ? name
                        : shape == 1 ? name + "=" + value + "&" + name + "=" + value : name + "=" + value);
        return pair.list()
                .ofMaxSize(declared.isEmpty() ? 2 : declared.size() + 2)
                .map(pairs -> String.join("&", pairs));
    }

    private static Arbitrary<List<Header>> headers(FuzzEndpoint endpoint) {
        boolean takesBody = endpoint.body() != FuzzEndpoint.Body.NONE;
        String contentType =
                endpoint.body() == FuzzEndpoint.Body.FILE ? "application/octet-stream" : "application/json";
        List<Arbitrary<List<Header>>> optional = List.of(
                header(
                        "Content-Type",
                        takesBody ? 75 : 5,
                        Arbitraries.frequency(
                                Tuple.of(60, contentType),
                                Tuple.of(5, "text/plain"),
                                Tuple.of(5, "application/x-www-form-urlencoded"),
                                Tuple.of(3, "application/json;charset=UTF-16"),
                                Tuple.of(3, "application/xml"),
                                Tuple.of(3, "garbage"),
                                Tuple.of(3, "application/json; charset=nope"),
                                Tuple.of(2, "*/*"),
                                Tuple.of(2, "multipart/form-data; boundary="),
                                Tuple.of(2, "application/problem+json"),
                                Tuple.of(2, "application/json;;;q=x"),
                                Tuple.of(2, "application/\u00e9json"),
                                Tuple.of(2, "application/json; charset=\"utf-8"),
                                Tuple.of(2, "text/html"),
                                Tuple.of(2, "application"))),
                header(
                        "Accept",
                        25,
                        Arbitraries.of(
                                "*/*",
                                "application/xml",
                                "text/html",
                                "application/problem+json",
                                "image/png",
                                "garbage;;q=x",
                                "text/csv",
                                "application/json;q=0",
                                "application/json, */*;q=0.1",
                                "application/x-ndjson",
                                "text/*",
                                "a/b/c",
                                "application/json; charset=\u00ff")),
                header(
                        "If-Match",
                        35,
                        Arbitraries.frequency(
                                Tuple.of(60, FuzzRequest.ETAG),
                                Tuple.of(5, "*"),
                                Tuple.of(5, "\"-1\""),
                                Tuple.of(5, "\"99999999999999999999\""),
                                Tuple.of(5, "W/\"1\""),
                                Tuple.of(5, "\"1\", \"2\""),
                                Tuple.of(5, "yesterday"),
                                Tuple.of(3, "\"" + "9".repeat(2000) + "\""),
                                Tuple.of(3, "\"\u00e9\""),
                                Tuple.of(2, "\"1"),
                                Tuple.of(2, "W/"))),
                header(
                        "Idempotency-Key",
                        20,
                        Arbitraries.frequencyOf(
                                Tuple.of(
                                        60,
                                        Arbitraries.strings()
                                                .alpha()
                                                .numeric()
                                                .ofMinLength(1)
                                                .ofMaxLength(40)),
                                Tuple.of(10, Arbitraries.just("k".repeat(10_000))),
                                Tuple.of(
                                        15,
                                        Arbitraries.of(
                                                "cl\u00c3\u00a9-\u00e2\u0082\u00ac",
                                                "\u00ff\u00fe\u0080",
                                                "a\u0001b",
                                                "\u00f0\u009f\u0099\u0082")),
                                Tuple.of(15, Arbitraries.of("same-key-1", "same-key-2")))),
                header(
                        "X-Request-Id",
                        10,
                        Arbitraries.oneOf(
                                Arbitraries.strings().alpha().ofMaxLength(40),
                                Arbitraries.of("r".repeat(5000), "a\u0001b", "\u00c3(", "<script>", "../x", " "))),
                header("X-Registry-Source", 5, Arbitraries.of("ui", "UI", "system", "\u00ff")),
                header("X-Long", 3, Arbitraries.of(1_000, 9_000, 40_000, 70_000).map("v"::repeat)),
                header("Range", 2, Arbitraries.of("bytes=0-1", "bytes=-1", "bytes=x")),
                header("Transfer-Encoding", 1, Arbitraries.of("gzip", "identity", "x")),
                header("Expect", 1, Arbitraries.of("100-continue", "nonsense")),
                header("Content-Encoding", 2, Arbitraries.of("gzip", "br", "x")),
                header("X-HTTP-Method-Override", 2, Arbitraries.of("DELETE", "PUT")));
        Arbitrary<List<Header>> all = Arbitraries.just(List.of());
        for (Arbitrary<List<Header>> next : optional) {
            all = Combinators.combine(all, next).as((known, added) -> {
                List<Header> merged = new ArrayList<>(known);
                merged.addAll(added);
                return merged;
            });
        }
        return all;
    }

    private static Arbitrary<List<Header>> header(String name, int percent, Arbitrary<String> values) {
        return Arbitraries.frequencyOf(
                Tuple.of(100 - percent, Arbitraries.just(List.<Header>of())),
                Tuple.of(percent, values.map(value -> List.of(new Header(name, value)))));
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
