package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.api.HttpApi.Answer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the clients of a load were told: every request with its answer (or none) and timing, and every
 * acknowledged change with the effect it claims, by integration and version.
 */
final class LoadLedger {

    /** A request and what came of it; {@code status} is 0 when no answer came (connection refused, reset, timeout). */
    record Exchange(
            String request,
            int status,
            long sentNanos,
            long answeredNanos,
            String contentType,
            String retryAfter,
            String body) {

        long millis() {
            return (answeredNanos - sentNanos) / 1_000_000;
        }

        boolean answered() {
            return status != 0;
        }
    }

    /** What an acknowledged change says the integration looks like at its version: a name, or a status. */
    record Effect(String name, String status) {}

    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Map<Long, Effect>> acknowledged = new ConcurrentHashMap<>();
    private final Set<String> sentNames = ConcurrentHashMap.newKeySet();
    final List<String> acknowledgedTwice = Collections.synchronizedList(new ArrayList<>());
    final List<String> changesWithoutAVersion = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger commands = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();

    Exchange record(String request, long sentNanos, Answer answer) {
        Exchange exchange = new Exchange(
                request,
                answer.status(),
                sentNanos,
                System.nanoTime(),
                answer.header("Content-Type"),
                answer.header("Retry-After"),
                answer.body());
        exchanges.add(exchange);
        return exchange;
    }

    Exchange recordNoAnswer(String request, long sentNanos, RuntimeException failure) {
        Exchange exchange = new Exchange(request, 0, sentNanos, System.nanoTime(), null, null, failure.toString());
        exchanges.add(exchange);
        return exchange;
    }

    /** A name a command sent, acknowledged or not: each is sent once, so each may be stored at most once. */
    void sent(String name) {
        if (!sentNames.add(name)) {
            throw new IllegalStateException("the load sends every name once: " + name);
        }
    }

    /**
     * A 2xx answer to a change sent with {@code If-Match: ifMatch} ({@code -1}: a creation) whose ETag is
     * {@code version}: a new event when it is the next version, nothing stored when it is the same.
     */
    void acknowledge(String id, long ifMatch, long version, Effect effect) {
        if (version == ifMatch) {
            unchanged.incrementAndGet();
            return;
        }
        if (version != ifMatch + 1) {
            changesWithoutAVersion.add(id + " answered version " + version + " to If-Match " + ifMatch);
            return;
        }
        if (acknowledged.computeIfAbsent(id, any -> new ConcurrentHashMap<>()).putIfAbsent(version, effect) != null) {
            acknowledgedTwice.add(id + " version " + version);
        }
    }

    Map<String, Map<Long, Effect>> acknowledged() {
        Map<String, Map<Long, Effect>> copy = new TreeMap<>();
        acknowledged.forEach((id, versions) -> copy.put(id, new TreeMap<>(versions)));
        return copy;
    }

    Set<String> sentNames() {
        return Set.copyOf(sentNames);
    }

    int acknowledgedCount() {
        return acknowledged.values().stream().mapToInt(Map::size).sum();
    }

    List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** Writes every exchange, one a line (ms from {@code origin} to sending, latency, status, request), to look into. */
    void writeTo(Path file, long origin) {
        StringBuilder lines = new StringBuilder();
        for (Exchange exchange : exchanges()) {
            lines.append(String.format(
                    "%8d ms %6d ms %3d %s %s%n",
                    (exchange.sentNanos() - origin) / 1_000_000,
                    exchange.millis(),
                    exchange.status(),
                    exchange.request(),
                    exchange.status() / 100 == 2
                            ? ""
                            : String.valueOf(exchange.body()).replace('\n', ' ')));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    long count(Predicate<Exchange> which) {
        return exchanges().stream().filter(which).count();
    }

    long status(int status) {
        return count(exchange -> exchange.status() == status);
    }

    long serverErrors() {
        return count(exchange -> exchange.status() >= 500);
    }
}
