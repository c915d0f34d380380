package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Request bodies: valid integrations (with a fresh name at sending), the same with exactly one field
 * broken, random JSON, and bytes that are not JSON at all.
 */
final class FuzzBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body and what it is, for the counterexample. */
    record Body(byte[] bytes, String description) {}

    private record Entry(String key, byte[] value) {}

    /** No body at all. */
    static final Body NONE = new Body(null, "none");

    private enum Template {
        API_KEY,
        OAUTH2
    }

    private enum Mutation {
        NULL,
        REMOVED,
        NUMBER,
        BOOLEAN,
        OBJECT,
        ARRAY,
        EMPTY_STRING,
        HUGE_STRING,
        DEEP_NESTING,
        ESCAPED_CONTROL_CHARS,
        RAW_CONTROL_CHARS,
        ESCAPED_LONE_SURROGATE,
        ENCODED_LONE_SURROGATE,
        INVALID_UTF8,
        NUMBER_OUT_OF_RANGE,
        DUPLICATE_KEY,
        ANY_TEXT,
        URL_LIKE,
        MASK,
        UNKNOWN_FIELD
    }

    private static final List<String> FIELDS = List.of(
            "name",
            "baseApiUrl",
            "requestParameters",
            "active",
            "authentication",
            "authentication.type",
            "authentication.apiKey",
            "authentication.authenticationUrl",
            "authentication.tokenEndpointUrl",
            "authentication.clientId",
            "authentication.clientSecret",
            "authentication.redirectUri");

    private static final List<String> URL_LIKE = List.of(
            "http://docs.fuzz.example/api",
            "https://127.0.0.1/api",
            "https://169.254.169.254/latest/meta-data",
            "https://[::1]/x",
            "https://localhost:8080/",
            "https://10.0.0.1/",
            "javascript:alert(1)",
            "https://a.example/#fragment",
            "https://user:pw@a.example/",
            "https://a.example:99999/",
            "https://%zz/",
            "ftp://a.example/",
            "https://",
            "//a.example/x",
            "https://a.example/" + "p/".repeat(2000),
            "https://xn--80ak6aa92e.com/",
            "https://a.example/?x=1&&y",
            "HTTPS://A.EXAMPLE/API",
            "https://a..example/",
            "https://0x7f000001/",
            "https://2130706433/",
            "file:///etc/passwd",
            "https://a.example/\u0000",
            "https://a.example/\u202e",
            "access_type=offline",
            "a=1&&b",
            "=x",
            "a=%zz",
            "&",
            "a b=c");

    private final String providerUrl;

    FuzzBodies(String providerUrl) {
        this.providerUrl = providerUrl;
    }

    /** A body for the endpoint, mostly of the kind it takes. */
    Arbitrary<Body> bodies(FuzzEndpoint.Body kind) {
        return switch (kind) {
            case NONE ->
                Arbitraries.frequencyOf(
                        Tuple.of(88, Arbitraries.just(NONE)), Tuple.of(8, randomJson()), Tuple.of(4, garbageBytes()));
            case FILE ->
                Arbitraries.frequencyOf(
                        Tuple.of(
                                70,
                                Arbitraries.bytes()
                                        .array(byte[].class)
                                        .ofMaxSize(4096)
                                        .map(bytes -> new Body(bytes, "file bytes"))),
                        Tuple.of(15, Arbitraries.just(NONE)),
                        Tuple.of(10, randomJson()),
                        Tuple.of(5, hugeBytes()));
            case CREATION, EDIT ->
                Arbitraries.frequencyOf(
                        Tuple.of(22, valid(kind == FuzzEndpoint.Body.CREATION)),
                        Tuple.of(52, mutated(kind == FuzzEndpoint.Body.CREATION)),
                        Tuple.of(4, valid(kind != FuzzEndpoint.Body.CREATION)),
                        Tuple.of(12, randomJson()),
                        Tuple.of(3, Arbitraries.just(new Body(new byte[0], "empty"))),
                        Tuple.of(4, garbageBytes()),
                        Tuple.of(3, hugeBytes()));
        };
    }

    private Arbitrary<Body> valid(boolean creation) {
        return Arbitraries.of(Template.values())
                .map(template -> new Body(
                        object(template(template, creation)),
                        "valid " + template + (creation ? " creation" : " edit")));
    }

    private Arbitrary<Body> mutated(boolean creation) {
        Arbitrary<Template> templates = Arbitraries.of(Template.values());
        Arbitrary<String> fields = Arbitraries.of(FIELDS);
        Arbitrary<Mutation> mutations = Arbitraries.of(Mutation.values());
        Arbitrary<String> texts = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.of(URL_LIKE));
        Arbitrary<Integer> sizes = Arbitraries.frequency(
                Tuple.of(40, 300),
                Tuple.of(30, 10_000),
                Tuple.of(15, 65_000),
                Tuple.of(10, 70_000),
                Tuple.of(5, 1_048_576));
        return Combinators.combine(templates, fields, mutations, texts, sizes)
                .as((template, field, mutation, text, size) -> {
                    List<Entry> entries = template(template, creation);
                    String description = "valid " + template + (creation ? " creation" : " edit") + ", " + field + " "
                            + mutation
                            + (mutation == Mutation.ANY_TEXT || mutation == Mutation.URL_LIKE
                                    ? " " + FuzzRequest.shown(text, 60)
                                    : "")
                            + (mutation == Mutation.HUGE_STRING ? " " + size : "");
                    return new Body(object(mutate(entries, field, mutation, text, size)), description);
                });
    }

    private List<Entry> template(Template template, boolean creation) {
        List<Entry> authentication = new ArrayList<>();
        if (template == Template.API_KEY) {
            authentication.add(entry("type", text("API_KEY")));
            authentication.add(entry("apiKey", text("fuzz-provider-key-0123456789")));
        } else {
            authentication.add(entry("type", text("OAUTH2")));
            authentication.add(entry("authenticationUrl", text("https://auth.fuzz.example/authorize")));
            authentication.add(entry("tokenEndpointUrl", text("https://auth.fuzz.example/token")));
            authentication.add(entry("clientId", text("fuzz-client")));
            authentication.add(entry("clientSecret", text("fuzz-client-secret-0123456789")));
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("name", text(FuzzRequest.NAME)));
        entries.add(entry("baseApiUrl", text(providerUrl)));
        entries.add(entry("requestParameters", text("scope=documents")));
        if (creation) {
            entries.add(entry("active", ascii("true")));
        }
        entries.add(new Entry("authentication", object(authentication)));
        return entries;
    }

    private static List<Entry> mutate(List<Entry> entries, String field, Mutation mutation, String text, int size) {
        if (field.startsWith("authentication.")) {
            String nested = field.substring("authentication.".length());
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).key().equals("authentication")) {
                    List<Entry> authentication = entriesOf(entries.get(i).value());
                    entries.set(
                            i, entry("authentication", object(mutate(authentication, nested, mutation, text, size))));
                }
            }
            return entries;
        }
        int index = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(field)) {
                index = i;
            }
        }
        switch (mutation) {
            case REMOVED -> {
                if (index >= 0) {
                    entries.remove(index);
                }
            }
            case DUPLICATE_KEY -> entries.add(entry(field, text("duplicate " + text)));
            case UNKNOWN_FIELD -> entries.add(entry(text.isEmpty() ? "colour" : text, text("red")));
            default -> {
                byte[] value = value(mutation, text, size);
                if (index >= 0) {
                    entries.set(index, entry(field, value));
                } else {
                    entries.add(entry(field, value));
                }
            }
        }
        return entries;
    }

    private static byte[] value(Mutation mutation, String text, int size) {
        return switch (mutation) {
            case NULL -> ascii("null");
            case NUMBER -> ascii("42");
            case BOOLEAN -> ascii("true");
            case OBJECT -> ascii("{\"value\": \"x\"}");
            case ARRAY -> ascii("[\"x\", 1]");
            case EMPTY_STRING -> ascii("\"\"");
            case HUGE_STRING -> ascii("\"" + "x".repeat(size) + "\"");
            case DEEP_NESTING -> ascii("[".repeat(10_000) + "]".repeat(10_000));
            case ESCAPED_CONTROL_CHARS -> ascii("\"a\\u0000b\\u0007c\\u001bd\\r\\ne\\t\"");
            case RAW_CONTROL_CHARS -> ascii("\"a\u0000b\u0007c\u001bd\r\ne\"");
            case ESCAPED_LONE_SURROGATE -> ascii("\"x\\ud800y\"");
            case ENCODED_LONE_SURROGATE -> bytes(0x22, 'x', 0xED, 0xA0, 0x80, 'y', 0x22);
            case INVALID_UTF8 -> bytes(0x22, 'a', 0xC3, 0x28, 0xFF, 0x80, 'b', 0x22);
            case NUMBER_OUT_OF_RANGE ->
                ascii(
                        text.length() % 3 == 0
                                ? "1e400"
                                : text.length() % 3 == 1 ? "-123456789012345678901234567890123456789" : "0.1e-99999");
            case MASK -> ascii("\"********\"");
            default -> text(text);
        };
    }

    private Arbitrary<Body> randomJson() {
        return json(3).map(json -> new Body(json.getBytes(StandardCharsets.UTF_8), "random JSON"));
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles()
                        .map(String::valueOf)
                        .filter(number -> !number.contains("N") && !number.contains("I")),
                Arbitraries.strings().ofMaxLength(20).map(FuzzBodies::quoted),
                Arbitraries.of("true", "false", "null", "\"API_KEY\"", "\"OAUTH2\"", "1e400", "-0", "{}", "[]"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(
                        "name",
                        "baseApiUrl",
                        "requestParameters",
                        "active",
                        "authentication",
                        "type",
                        "apiKey",
                        "clientSecret"),
                Arbitraries.strings().ofMaxLength(10));
        Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
        Arbitrary<String> object = Combinators.combine(keys, json(depth - 1))
                .as((key, value) -> quoted(key) + ":" + value)
                .list()
                .ofMaxSize(5)
                .map(items -> "{" + String.join(",", items) + "}");
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(1, array), Tuple.of(3, object));
    }

    private static Arbitrary<Body> garbageBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMinSize(1)
                        .ofMaxSize(200)
                        .map(bytes -> new Body(bytes, "random bytes")),
                Arbitraries.of(
                                "name=x&baseApiUrl=y",
                                "<integration><name>x</name></integration>",
                                "{\"name\": ",
                                "{'name': 'x'}",
                                "{\"a\":1}{\"b\":2}",
                                "\uFEFF{}",
                                "nul",
                                "[" + "{".repeat(50))
                        .map(text -> new Body(text.getBytes(StandardCharsets.UTF_8), "not JSON")));
    }

    private static Arbitrary<Body> hugeBytes() {
        return Arbitraries.of(65_536, 65_537, 1_048_576).map(size -> {
            byte[] bytes = new byte[size];
            Arrays.fill(bytes, (byte) 'a');
            bytes[0] = '"';
            bytes[size - 1] = '"';
            return new Body(bytes, "a JSON string of " + size + " bytes");
        });
    }

    private static Entry entry(String key, byte[] value) {
        return new Entry(key, value);
    }

    private static byte[] object(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(text(entries.get(i).key()));
            out.write(':');
            out.writeBytes(entries.get(i).value());
        }
        out.write('}');
        return out.toByteArray();
    }

    /** The entries of an object this class wrote, which only holds strings of the templates. */
    private static List<Entry> entriesOf(byte[] object) {
        List<Entry> entries = new ArrayList<>();
        try {
            JSON.readTree(object).properties().forEach(field -> {
                try {
                    entries.add(entry(field.getKey(), JSON.writeValueAsBytes(field.getValue())));
                } catch (JsonProcessingException notPossible) {
                    throw new IllegalStateException(notPossible);
                }
            });
        } catch (IOException notPossible) {
            throw new IllegalStateException(notPossible);
        }
        return entries;
    }

    private static byte[] text(String value) {
        return quoted(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException notPossible) {
            throw new IllegalStateException(notPossible);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
