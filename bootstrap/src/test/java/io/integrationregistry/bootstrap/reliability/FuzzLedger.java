package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.bootstrap.reliability.FuzzClient.Answer;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Framing;
import io.integrationregistry.bootstrap.reliability.FuzzRequest.Header;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends generated requests, judges every answer (below 500; each 4xx with a body an RFC 9457 problem
 * that shows no Java internals; events stored only as far as a 2xx write answer accounts for them) and
 * keeps the figures of the run.
 */
final class FuzzLedger {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JAVA_INTERNALS = Pattern.compile("Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|"
            + "\\b(java|javax|jakarta|sun|org\\.springframework|org\\.apache|com\\.fasterxml|com\\.mongodb|"
            + "org\\.axonframework|io\\.integrationregistry|de\\.bwaldvogel)\\.[a-z]+");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final FuzzService service;
    private final Map<String, String> ids = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final AtomicLong names = new AtomicLong();

    private long sent;
    private long faults;
    private final Set<String> collected = new HashSet<>();
    private long viaSocket;
    private long unanswered;
    private long callbackPages;
    private final Map<String, Long> byEndpoint = new TreeMap<>();
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private long serverErrors;
    private long invalidProblems;
    private long eventsStored;
    private long eventsAccounted;
    private long successfulWrites;
    private long integrationsCreated;
    private long successfulEdits;
    private long authorizations;
    private final Set<String> idempotencyKeys = new HashSet<>();

    private final long started = System.nanoTime();

    FuzzLedger(FuzzService service) {
        this.service = service;
    }

    /** Adds the integrations the generated requests aim at: an active API-key one, an OAuth2 one, another company's. */
    void seed() {
        ids.put(FuzzRequest.DOC, add(FuzzCaller.ADMIN, """
                {"name": "Fuzz documents", "baseApiUrl": "%s", "requestParameters": "scope=documents",
                 "authentication": {"type": "API_KEY", "apiKey": "fuzz-provider-key-0123456789"}}""".formatted(service.providerUrl())));
        ids.put(FuzzRequest.OAUTH, add(FuzzCaller.ADMIN, """
                {"name": "Fuzz OAuth2", "baseApiUrl": "%s",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.fuzz.example/authorize",
                   "tokenEndpointUrl": "https://auth.fuzz.example/token", "clientId": "fuzz-client",
                   "clientSecret": "fuzz-client-secret-0123456789"}}""".formatted(service.providerUrl())));
        ids.put(FuzzRequest.GLOBEX, add(FuzzCaller.OTHER_COMPANY_ADMIN, """
                {"name": "Globex documents", "baseApiUrl": "%s",
                 "authentication": {"type": "API_KEY", "apiKey": "globex-provider-key-0123456789"}}""".formatted(service.providerUrl())));
    }

    private String add(FuzzCaller caller, String body) {
        Answer added = service.send(
                "POST",
                "/api/integrations",
                List.of(
                        new Header("Authorization", caller.authorization()),
                        new Header("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8),
                Framing.CORRECT,
                false);
        if (added.status() != 201) {
            throw new IllegalStateException(
                    "the fuzzer's integration was not added: " + added.status() + " " + added.text());
        }
        String id = json(added.body()).path("id").asText();
        versions.put(id, version(added.header("ETag")));
        return id;
    }

    /**
     * Sends generated requests one after the other and judges each answer; throws an AssertionError naming
     * the request and its answer when one is wrong, or when the event store gained other than what the
     * 2xx answers account for.
     */
    void exchange(List<FuzzRequest> requests) {
        long before = service.events();
        long accounted = 0;
        for (FuzzRequest request : requests) {
            accounted += exchange(request);
        }
        long stored = service.events() - before;
        eventsStored += stored;
        if (stored != accounted) {
            fault(
                    List.of(stored + " event(s) stored where the 2xx answers account for " + accounted),
                    "requests:\n  "
                            + requests.stream().map(FuzzRequest::toString).collect(Collectors.joining("\n  ")));
        }
    }

    private long exchange(FuzzRequest request) {
        String idInPath = null;
        for (String placeholder : List.of(FuzzRequest.DOC, FuzzRequest.OAUTH, FuzzRequest.GLOBEX)) {
            if (request.path().contains(placeholder)) {
                idInPath = ids.get(placeholder);
            }
        }
        String target = fill(request.path()) + (request.query().isEmpty() ? "" : "?" + fill(request.query()));
        List<Header> headers = new ArrayList<>();
        if (request.caller().authorization() != null) {
            headers.add(new Header("Authorization", request.caller().authorization()));
        }
        String etag = "\"" + (idInPath == null ? 1 : versions.getOrDefault(idInPath, 1L)) + "\"";
        for (Header header : request.headers()) {
            headers.add(new Header(header.name(), header.value().replace(FuzzRequest.ETAG, etag)));
        }
        byte[] body = request.body() == null ? null : named(request.body());

        Answer answer =
                service.send(request.method(), target, headers, body, request.framing(), request.needsRawSocket());

        long accounted = account(request, answer);
        record(request, answer, accounted);
        List<String> wrong = judge(request, answer);
        if (!wrong.isEmpty()) {
            fault(
                    wrong,
                    "request: " + request + "\n  sent as: " + FuzzRequest.shown(request.method() + " " + target, 300)
                            + "\n  answer: " + answer.status() + " "
                            + answer.headers().getOrDefault("content-type", "") + " "
                            + FuzzRequest.shown(new String(answer.body(), StandardCharsets.ISO_8859_1), 600));
        }
        return accounted;
    }

    private void fault(List<String> wrong, String evidence) {
        faults++;
        if (Boolean.getBoolean("reliability.collect")) {
            if (collected.add(wrong.get(0).replaceAll("[0-9]+", "N")
                    + evidence.lines().findFirst().orElse(""))) {
                System.out.println("RELIABILITY fault: " + String.join("; ", wrong) + "\n  " + evidence);
            }
            return;
        }
        throw new AssertionError(String.join("; ", wrong) + "\n  " + evidence);
    }

    /** How many events the answer says were stored (the version it reports over the last one known). */
    private long account(FuzzRequest request, Answer answer) {
        if (answer.status() >= 200
                && answer.status() < 300
                && request.endpoint().pattern().endsWith("/authorize")) {
            authorizations++;
        }
        if (answer.status() == 302 && request.endpoint().pattern().endsWith("/authorize")) {
            authorizations++;
        }
        if (answer.status() < 200 || answer.status() >= 300 || !WRITES.contains(request.method())) {
            return 0;
        }
        successfulWrites++;
        String etag = answer.header("ETag");
        if (etag == null) {
            return 0;
        }
        JsonNode integration = json(answer.body());
        String id = integration.path("id").asText(null);
        if (id == null || !integration.has("baseApiUrl")) {
            return 0;
        }
        long version = version(etag);
        long known = versions.getOrDefault(id, -1L);
        if (known < 0) {
            integrationsCreated++;
        } else if (request.method().equals("PUT")) {
            successfulEdits++;
        }
        if (answer.status() == 201) {
            request.headers().stream()
                    .filter(header -> header.name().equals("Idempotency-Key"))
                    .findFirst()
                    .ifPresent(key -> idempotencyKeys.add(request.caller().company() + " " + key.value()));
        }
        versions.put(id, Math.max(known, version));
        return Math.max(0, version - known);
    }

    private void record(FuzzRequest request, Answer answer, long accounted) {
        sent++;
        if (answer.raw()) {
            viaSocket++;
        }
        byEndpoint.merge(request.endpoint().name(), 1L, Long::sum);
        statuses.merge(answer.status(), 1L, Long::sum);
        eventsAccounted += accounted;
    }

    private List<String> judge(FuzzRequest request, Answer answer) {
        List<String> wrong = new ArrayList<>();
        if (answer.status() == 0) {
            unanswered++;
            if (request.framing() == Framing.CORRECT) {
                wrong.add("no answer at all");
            }
        }
        if (answer.status() >= 500) {
            serverErrors++;
            wrong.add("answered " + answer.status());
        }
        if (answer.status() >= 400 && answer.status() < 500 && answer.body().length > 0) {
            String problem = problemFault(request, answer);
            if (problem != null) {
                invalidProblems++;
                wrong.add(problem);
            }
        }
        return wrong;
    }

    /** What is wrong with a 4xx body as an RFC 9457 problem detail, or null when nothing is. */
    private String problemFault(FuzzRequest request, Answer answer) {
        String contentType = answer.headers().getOrDefault("content-type", "");
        if (request.endpoint().pattern().startsWith("/oauth2/callback/") && contentType.startsWith("text/html")) {
            // the OAuth2 callback answers the person in front of the browser with a page, by design
            callbackPages++;
            return null;
        }
        if (!contentType.startsWith("application/problem+json")) {
            return "a " + answer.status() + " whose body is " + (contentType.isEmpty() ? "untyped" : contentType)
                    + ", not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body());
        } catch (IOException notJson) {
            return "a problem body that is not JSON";
        }
        if (problem == null || !problem.isObject()) {
            return "a problem body that is not a JSON object";
        }
        if (!problem.path("type").isTextual() || problem.path("type").asText().isBlank()) {
            return "a problem without type";
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            return "a problem without title";
        }
        if (problem.path("status").asInt() != answer.status()) {
            return "a problem whose status " + problem.path("status") + " is not the answer's " + answer.status();
        }
        if (JAVA_INTERNALS.matcher(answer.text()).find()) {
            return "a problem that shows Java internals";
        }
        return null;
    }

    private String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace(id.getKey(), id.getValue());
        }
        return filled;
    }

    private byte[] named(byte[] body) {
        String bytes = new String(body, StandardCharsets.ISO_8859_1);
        if (!bytes.contains(FuzzRequest.NAME)) {
            return body;
        }
        return bytes.replace(FuzzRequest.NAME, "Fuzz " + names.incrementAndGet())
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static long version(String etag) {
        return Long.parseLong(etag.replace("W/", "").replace("\"", "").strip());
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** How many answers were found wrong (each fails the property, which then shrinks it). */
    long faults() {
        return faults;
    }

    long sent() {
        return sent;
    }

    Map<String, Long> byEndpoint() {
        return byEndpoint;
    }

    long eventsStored() {
        return eventsStored;
    }

    long eventsAccounted() {
        return eventsAccounted;
    }

    long integrationsCreated() {
        return integrationsCreated;
    }

    long successfulEdits() {
        return successfulEdits;
    }

    long authorizations() {
        return authorizations;
    }

    Set<String> idempotencyKeys() {
        return idempotencyKeys;
    }

    /** The figures of the run, on one line. */
    String figures(int endpoints) {
        return "RELIABILITY fuzz: requests sent=" + sent + " in " + (System.nanoTime() - started) / 1_000_000_000
                + " s (raw socket=" + viaSocket + ", java.net.http="
                + (sent - viaSocket) + ", closed without answer=" + unanswered + ") to " + byEndpoint.size() + "/"
                + endpoints + " endpoints; by endpoint " + byEndpoint + "; statuses " + statuses + "; 5xx="
                + serverErrors + "; invalid problem bodies=" + invalidProblems + " (OAuth2 callback HTML pages="
                + callbackPages + "); events stored=" + eventsStored + " vs accounted for by 2xx writes="
                + eventsAccounted + " (2xx writes=" + successfulWrites + ", integrations created="
                + integrationsCreated + ", edits=" + successfulEdits + ")";
    }

    /** How many answers had this status. */
    synchronized long answeredWith(int status) {
        return statuses.getOrDefault(status, 0L);
    }
}
