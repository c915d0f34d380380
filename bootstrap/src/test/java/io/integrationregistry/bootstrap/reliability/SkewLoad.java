package io.integrationregistry.bootstrap.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent commands over HTTP to several instances at once, on a few integrations, so that commands meet on one
 * integration through different instances: each change goes to the instances in turn and, on 409 or 412, is
 * retried after a fresh read. Counts what was sent and what was answered.
 */
final class SkewLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 200;

    private final List<String> instances;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String authorization =
            "Basic " + Base64.getEncoder().encodeToString("alice:alice-pw".getBytes(StandardCharsets.UTF_8));
    private final AtomicLong turn = new AtomicLong();
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    final List<String> integrationIds = Collections.synchronizedList(new ArrayList<>());
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger conflicts = new AtomicInteger();
    final AtomicInteger stale = new AtomicInteger();

    SkewLoad(List<String> instances) {
        this.instances = List.copyOf(instances);
    }

    /** Adds {@code count} integrations, through the instances in turn. */
    void create(int count, String prefix) {
        for (int i = 0; i < count; i++) {
            Answer created = send(next(), "POST", "/api/integrations", """
                    {"name": "%s %d", "baseApiUrl": "https://files.acme.example/webhooks",
                     "requestParameters": "rev=0", "active": %s,
                     "authentication": {"type": "API_KEY", "apiKey": "skew-api-key-0123456789"}}""".formatted(prefix, i, i % 2 == 0), null);
            sent.incrementAndGet();
            if (created.status() != 201) {
                unexpected.add("POST answered " + created.status() + ": " + created.body());
                continue;
            }
            acknowledged.incrementAndGet();
            integrationIds.add(created.json().path("id").asText());
            learn(created.json());
        }
    }

    /** {@code changes} edits and activations/deactivations of random integrations from {@code threads} threads. */
    void change(int changes, int threads, long seed) throws Exception {
        List<String> ids = List.copyOf(integrationIds);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        AtomicInteger remaining = new AtomicInteger(changes);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Random random = new Random(seed + t);
            String worker = "s" + seed + "t" + t;
            running.add(workers.submit(() -> {
                go.await();
                for (int n = 0; remaining.getAndDecrement() > 0; n++) {
                    changeOnce(ids.get(random.nextInt(ids.size())), random.nextBoolean(), worker + "n" + n);
                }
                return null;
            }));
        }
        go.countDown();
        try {
            for (Future<?> worker : running) {
                worker.get(10, TimeUnit.MINUTES);
            }
        } finally {
            workers.shutdownNow();
        }
    }

    private void changeOnce(String id, boolean edit, String revision) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            JsonNode integration = latest.get(id);
            String ifMatch = "\"" + integration.path("version").asLong() + "\"";
            Answer answer;
            if (edit) {
                answer = send(
                        next(),
                        "PUT",
                        "/api/integrations/" + id,
                        """
                        {"name": "%s", "baseApiUrl": "%s", "requestParameters": "rev=%s",
                         "authentication": {"type": "API_KEY"}}""".formatted(
                                        integration.path("name").asText(),
                                        integration.path("baseApiUrl").asText(),
                                        revision),
                        ifMatch);
            } else {
                String toggle = "ACTIVE".equals(integration.path("status").asText()) ? "deactivate" : "activate";
                answer = send(next(), "POST", "/api/integrations/" + id + "/" + toggle, null, ifMatch);
            }
            sent.incrementAndGet();
            if (answer.status() / 100 == 2) {
                acknowledged.incrementAndGet();
                learn(answer.json());
                return;
            }
            if (answer.status() != 409 && answer.status() != 412) {
                unexpected.add((edit ? "PUT " : "POST ") + id + " answered " + answer.status() + ": " + answer.body());
                return;
            }
            (answer.status() == 409 ? conflicts : stale).incrementAndGet();
            // The list may lag: what another thread was told counts too, whichever is newer.
            Answer fresh = send(next(), "GET", "/api/integrations/" + id, null, null);
            if (fresh.status() == 200) {
                learn(fresh.json());
            }
        }
        unexpected.add(id + " still conflicting after " + MAX_ATTEMPTS + " attempts");
    }

    /** Keeps the newest state of an integration seen in any answer. */
    private void learn(JsonNode integration) {
        latest.merge(
                integration.path("id").asText(),
                integration,
                (known, seen) ->
                        seen.path("version").asLong() > known.path("version").asLong() ? seen : known);
    }

    private String next() {
        return instances.get((int) (turn.getAndIncrement() % instances.size()));
    }

    private Answer send(String instance, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException failed) {
            throw new IllegalStateException(method + " " + instance + path + " failed", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                throw new AssertionError("not JSON: " + body, notJson);
            }
        }
    }
}
