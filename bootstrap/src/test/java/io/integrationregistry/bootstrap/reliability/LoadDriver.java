package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import io.integrationregistry.bootstrap.reliability.LoadLedger.Effect;
import io.integrationregistry.bootstrap.reliability.LoadLedger.Exchange;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Clients of the API sending random commands (edit, activate, deactivate, add) to shared integrations
 * over real HTTP, with a read of the list now and then. A command reads the integration first and sends its ETag in If-Match; on 409 and
 * 412 it reads again and retries. Any other answer, or none, ends the command; everything lands in the
 * ledger. Creations carry an Idempotency-Key, so that one left without an answer can be retried safely.
 */
final class LoadDriver {

    enum Kind {
        EDIT,
        ACTIVATE,
        DEACTIVATE,
        ADD
    }

    private static final int MAX_ATTEMPTS = 100;
    private static final String API_KEY = "load-api-key-0123456789abcdef";

    private final Supplier<HttpApi> api;
    private final LoadLedger ledger;
    private final String prefix;
    private final List<String> shared = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger names = new AtomicInteger();
    private final List<Creation> unsettled = Collections.synchronizedList(new ArrayList<>());

    private final int addsInTwenty;

    /** {@code api} is asked for the client at every request, so that a restarted service can take over. */
    LoadDriver(Supplier<HttpApi> api, LoadLedger ledger, String prefix) {
        this(api, ledger, prefix, 1);
    }

    /** A load where {@code addsInTwenty} commands in twenty are creations (the others: one read, the rest changes). */
    LoadDriver(Supplier<HttpApi> api, LoadLedger ledger, String prefix, int addsInTwenty) {
        this.api = api;
        this.ledger = ledger;
        this.prefix = prefix;
        this.addsInTwenty = addsInTwenty;
    }

    /** Creates the integrations the clients share; every one must be acknowledged. */
    List<String> createShared(int count) {
        for (int i = 0; i < count; i++) {
            String id = add(i % 2 == 0);
            if (id == null) {
                throw new AssertionError("creating a shared integration failed: "
                        + ledger.exchanges().get(ledger.exchanges().size() - 1));
            }
            shared.add(id);
        }
        return List.copyOf(shared);
    }

    List<String> shared() {
        synchronized (shared) {
            return List.copyOf(shared);
        }
    }

    /**
     * Runs {@code clients} threads, started together, each sending commands while {@code more} says so
     * (checked before each command, with the client's number of commands sent so far).
     */
    void run(int clients, long seed, ClientCondition more, java.time.Duration atMost) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seed * 1000 + c);
            running.add(pool.submit(() -> {
                go.await();
                for (int n = 0; more.test(n); n++) {
                    randomCommand(random);
                }
                return null;
            }));
        }
        go.countDown();
        try {
            long deadline = System.nanoTime() + atMost.toNanos();
            for (Future<?> client : running) {
                client.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether a client sends another command, given how many it has sent. */
    interface ClientCondition {
        boolean test(int sent);

        static ClientCondition times(int count) {
            return sent -> sent < count;
        }

        static ClientCondition whilst(BooleanSupplier running) {
            return sent -> running.getAsBoolean();
        }
    }

    void randomCommand(Random random) {
        ledger.commands.incrementAndGet();
        int roll = random.nextInt(20);
        if (roll < addsInTwenty) {
            add(random.nextBoolean());
            return;
        }
        if (roll == 19) {
            send("GET", "/api/integrations?size=10", null, null);
            return;
        }
        List<String> ids = shared();
        String id = ids.get(random.nextInt(ids.size()));
        Kind kind = roll < 10 ? Kind.EDIT : roll < 15 ? Kind.ACTIVATE : Kind.DEACTIVATE;
        change(id, kind);
    }

    /**
     * Adds an integration under an Idempotency-Key; answers its id when acknowledged, else null. A creation
     * answered 503, or not at all, is kept to be retried with its key once the fault is over.
     */
    String add(boolean active) {
        String name = nextName();
        ledger.sent(name);
        Creation creation = new Creation(UUID.randomUUID().toString(), name, active);
        Answer answer = send("POST", "/api/integrations", creation.body(), creation.headers());
        if (answer == null || answer.status() == 503) {
            unsettled.add(creation);
            return null;
        }
        return acknowledged(creation, answer);
    }

    private String acknowledged(Creation creation, Answer answer) {
        if (answer.status() / 100 != 2) {
            return null;
        }
        String id = answer.json().path("id").asText();
        ledger.acknowledge(
                id, -1, version(answer), new Effect(creation.name(), creation.active() ? "ACTIVE" : "INACTIVE"));
        return id;
    }

    /** A creation and its Idempotency-Key. */
    record Creation(String key, String name, boolean active) {

        String body() {
            return """
                    {"name": "%s", "baseApiUrl": "https://files.acme.example/webhooks", "active": %s,
                     "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, active, API_KEY);
        }

        Map<String, String> headers() {
            return Map.of("Idempotency-Key", key);
        }
    }

    /** The creations answered 503 or not at all, not settled yet. */
    List<Creation> unsettled() {
        synchronized (unsettled) {
            return List.copyOf(unsettled);
        }
    }

    /**
     * Retries every unsettled creation with its Idempotency-Key, as a client told 503 or left without an
     * answer would, until it is acknowledged; while the service says the first attempt is still in
     * flight (409), it waits as Retry-After says. Answers the creations it could not settle in time.
     */
    List<String> settle(java.time.Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        List<String> unsettledInTime = new ArrayList<>();
        for (Creation creation : unsettled()) {
            while (true) {
                Answer answer = send("POST", "/api/integrations", creation.body(), creation.headers());
                if (answer != null && answer.status() / 100 == 2) {
                    acknowledged(creation, answer);
                    unsettled.remove(creation);
                    break;
                }
                boolean worthRetrying = answer == null || answer.status() == 503 || answer.status() == 409;
                if (!worthRetrying || System.nanoTime() > deadline) {
                    unsettledInTime.add(creation.name() + ": "
                            + (answer == null ? "no answer" : answer.status() + " " + answer.body()));
                    break;
                }
                ledger.retries.incrementAndGet();
                Thread.sleep(
                        answer != null && answer.header("Retry-After") != null
                                ? 1000L * Long.parseLong(answer.header("Retry-After"))
                                : 1000L);
            }
        }
        return unsettledInTime;
    }

    /** One change of one integration, from a fresh read, retried after a fresh read on 409 and 412. */
    void change(String id, Kind kind) {
        Answer read = send("GET", "/api/integrations/" + id, null, null);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (read == null || read.status() != 200) {
                return;
            }
            long version = version(read);
            JsonNode known = read.json();
            Map<String, String> ifMatch = Map.of("If-Match", "\"" + version + "\"");
            Answer answer;
            Effect effect;
            if (kind == Kind.EDIT) {
                String name = nextName();
                ledger.sent(name);
                effect = new Effect(name, null);
                answer = send(
                        "PUT",
                        "/api/integrations/" + id,
                        """
                        {"name": "%s", "baseApiUrl": "%s", "authentication": {"type": "API_KEY"}}""".formatted(name, known.path("baseApiUrl").asText()),
                        ifMatch);
            } else {
                boolean activate = kind == Kind.ACTIVATE;
                effect = new Effect(null, activate ? "ACTIVE" : "INACTIVE");
                answer = send(
                        "POST", "/api/integrations/" + id + (activate ? "/activate" : "/deactivate"), null, ifMatch);
            }
            if (answer == null) {
                return;
            }
            if (answer.status() / 100 == 2) {
                ledger.acknowledge(id, version, version(answer), effect);
                return;
            }
            if (answer.status() != 409 && answer.status() != 412) {
                return;
            }
            ledger.retries.incrementAndGet();
            read = send("GET", "/api/integrations/" + id, null, null);
        }
    }

    /** Sends one request; answers null when no answer came (recorded as such). */
    Answer send(String method, String path, String body, Map<String, String> headers) {
        long sent = System.nanoTime();
        String request = method + " " + path;
        try {
            Answer answer = api.get().send(method, path, body, headers == null ? Map.of() : headers);
            ledger.record(request, sent, answer);
            return answer;
        } catch (UncheckedIOException | IllegalStateException noAnswer) {
            ledger.recordNoAnswer(request, sent, noAnswer);
            return null;
        }
    }

    Exchange lastExchange() {
        List<Exchange> all = ledger.exchanges();
        return all.get(all.size() - 1);
    }

    private String nextName() {
        return prefix + " " + names.incrementAndGet();
    }

    static long version(Answer answer) {
        String etag = answer.header("ETag");
        if (etag == null || !etag.matches("\"\\d+\"")) {
            throw new AssertionError("ETag of a " + answer.status() + " answer: " + etag + " " + answer.body());
        }
        return Long.parseLong(etag.substring(1, etag.length() - 1));
    }
}
