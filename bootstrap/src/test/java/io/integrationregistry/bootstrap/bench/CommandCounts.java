package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import fixtures.providers.DocumentProviderStub;
import org.bson.Document;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * B9: the database commands one operation costs, counted by a {@link MongoCommandStats} on the service's
 * own client. One client calls the REST API, one operation at a time; each operation is counted from its
 * request until both projections (the integration list and the audit trail) hold its event, plus a short
 * tail for their token updates, so that the count includes the operation's share of the projections'
 * writes. The service's idle polling (the processors' polls, the claims' renewals) is subtracted: after
 * the operations, a quiet window as long as all their counted windows together is counted, and its
 * commands, kind by kind, are taken off in proportion to time. The wait for the projections reads through
 * a client of its own, which is not counted.
 */
final class CommandCounts {

    /** Operations counted of each kind. */
    static final int OPERATIONS = 20;
    /** How long the count goes on after the audit trail holds the event: the processors' token updates. */
    private static final Duration TAIL = Duration.ofMillis(150);

    private record Operation(String name, String description, double budget) {}

    private static final List<Operation> OPERATION_KINDS = List.of(
            new Operation("create", "POST /api/integrations", 8),
            new Operation("edit", "PUT /api/integrations/{id}", 8),
            new Operation("activate/deactivate", "POST /api/integrations/{id}/(de)activate", 6),
            new Operation("get-one", "GET /api/integrations/{id}", 1),
            new Operation("list-page", "GET /api/integrations?page=0&size=50", 2),
            new Operation("gateway", "GET /api/integrations/{id}/documents/files, API key, steady state", 0));

    /** What one kind of operation cost: its windows' commands and time, and its latencies. */
    private static final class Tally {
        final Map<String, Long> commands = new TreeMap<>();
        long windowNanos;
        final List<Double> latencyMillis = new ArrayList<>();
        int operations;
    }

    private final Bench bench;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    CommandCounts(Bench bench) {
        this.bench = bench;
    }

    List<Figure> run() {
        long begin = System.nanoTime();
        bench.settle();
        String uri = bench.service
                .bean(MongoConnectionDetails.class)
                .getConnectionString()
                .getConnectionString();
        try (MongoClient own = MongoClients.create(uri);
                DocumentProviderStub stub = DocumentProviderStub.withApiKey(Seeder.API_KEY);
                Http client = bench.service.admin(1)) {
            MongoDatabase database = own.getDatabase(bench.service.database().getName());
            String run = Long.toString(System.nanoTime(), 36);
            // Warm-up: every path once, uncounted.
            List<String[]> integrations = new ArrayList<>();
            for (int i = 0; i < OPERATIONS + 2; i++) {
                Http.Answer added = create(client, "B9 " + run + " " + i, "https://docs.example/api/v1");
                integrations.add(new String[] {added.location(), added.etag()});
            }
            String gatewayPath = create(client, "B9 " + run + " stub", stub.baseApiUrl())
                            .location() + "/documents/files?parentId=%2F";
            for (int i = 0; i < 20; i++) {
                client.get(gatewayPath).requireStatus(200, "the gateway");
            }
            String first = integrations.get(0)[0];
            client.get(first).requireStatus(200, "GET one");
            client.get("/api/integrations?page=0&size=50").requireStatus(200, "list");
            awaitProjections(database);

            for (int i = 0; i < OPERATIONS; i++) {
                String name = "B9 " + run + " counted " + i;
                count(database, "create", () -> create(client, name, "https://docs.example/api/v1"));
            }
            for (int i = 0; i < OPERATIONS; i++) {
                String[] integration = integrations.get(i);
                int edit = i;
                count(
                        database,
                        "edit",
                        () -> integration[1] = client.put(integration[0], """
                                {"name": "B9 %s %d", "baseApiUrl": "https://docs.example/api/v2",
                                 "authentication": {"type": "API_KEY"}}""".formatted(run, edit), integration[1])
                                .requireStatus(200, "PUT")
                                .etag());
            }
            for (int i = 0; i < OPERATIONS; i++) {
                String path = integrations.get(i / 2)[0] + (i % 2 == 0 ? "/deactivate" : "/activate");
                count(
                        database,
                        "activate/deactivate",
                        () -> client.post(path, "").requireStatus(200, path));
            }
            for (int i = 0; i < OPERATIONS; i++) {
                String path = integrations.get(i)[0];
                count(database, "get-one", () -> client.get(path).requireStatus(200, "GET one"));
            }
            for (int i = 0; i < OPERATIONS; i++) {
                count(
                        database,
                        "list-page",
                        () -> client.get("/api/integrations?page=0&size=50").requireStatus(200, "list"));
            }
            for (int i = 0; i < OPERATIONS; i++) {
                count(database, "gateway", () -> client.get(gatewayPath).requireStatus(200, "the gateway"));
            }
        }
        long counted = tallies.values().stream().mapToLong(t -> t.windowNanos).sum();
        MongoCommandStats stats = bench.service.commands();
        stats.start();
        Bench.sleep(counted / 1_000_000);
        stats.stop();
        Map<String, Long> idle = stats.counts();
        double idlePerSecond = idle.values().stream().mapToLong(Long::longValue).sum() / (counted / 1e9);
        bench.log(String.format(
                Locale.ROOT, "B9 idle: %.1f commands/s over %.1f s: %s", idlePerSecond, counted / 1e9, idle));
        double seconds = (System.nanoTime() - begin) / 1e9;
        List<Figure> figures = new ArrayList<>();
        for (Operation operation : OPERATION_KINDS) {
            figures.add(figure(operation, tallies.get(operation.name()), idle, counted, idlePerSecond, seconds));
        }
        return figures;
    }

    private Figure figure(
            Operation operation,
            Tally tally,
            Map<String, Long> idle,
            long idleNanos,
            double idlePerSecond,
            double seconds) {
        // Each kind of command, net of what the quiet window sent of it in the same time.
        double share = (double) tally.windowNanos / idleNanos;
        Map<String, Double> net = new TreeMap<>();
        tally.commands.forEach((key, count) -> net.put(key, count - idle.getOrDefault(key, 0L) * share));
        idle.forEach((key, count) -> net.putIfAbsent(key, -count * share));
        double perOperation =
                net.values().stream().mapToDouble(Double::doubleValue).sum() / tally.operations;
        String breakdown = net.entrySet().stream()
                .filter(entry -> Math.abs(entry.getValue() / tally.operations) >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .map(entry ->
                        String.format(Locale.ROOT, "%.2f %s", entry.getValue() / tally.operations, entry.getKey()))
                .collect(Collectors.joining("; "));
        Stats latency = Stats.of(tally.latencyMillis);
        double p50 = Stats.median(tally.latencyMillis.stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray());
        Figure figure = new Figure(
                        "B9",
                        bench.target,
                        "database commands per " + operation.name() + " (" + operation.description() + ")")
                .size(tally.operations, 0, "operations, one at a time")
                .measured("latency", latency, "ms");
        figure.ratio("commands/operation", perOperation, Figure.Goal.AT_MOST, operation.budget());
        figure.extraText = String.format(
                Locale.ROOT,
                "%.2f commands per operation (budget %s), p50 %.1f ms; %s",
                perOperation,
                Format.number(operation.budget()),
                p50,
                breakdown.isEmpty() ? "no commands" : breakdown);
        figure.extra.put("commandsPerOperation", perOperation);
        figure.extra.put("budget", operation.budget());
        figure.extra.put("latencyP50Millis", p50);
        figure.extra.put("byCommand", net);
        figure.extra.put("countedWindowSeconds", tally.windowNanos / 1e9);
        figure.extra.put("idleCommandsPerSecond", idlePerSecond);
        figure.notes.add("counted from the request until both projections hold the operation's event, plus "
                + TAIL.toMillis() + " ms for the processors' token updates; the idle rate of each kind of command, "
                + "measured over a quiet window as long as all counted windows, is subtracted in proportion to time");
        figure.seconds = seconds;
        return figure;
    }

    /** Counts one operation, from its request until the projections caught up with it. */
    private void count(MongoDatabase database, String kind, Runnable operation) {
        MongoCommandStats stats = bench.service.commands();
        Tally tally = tallies.computeIfAbsent(kind, k -> new Tally());
        stats.start();
        long started = System.nanoTime();
        operation.run();
        long answered = System.nanoTime();
        awaitProjections(database);
        Bench.sleep(TAIL.toMillis());
        stats.stop();
        long ended = System.nanoTime();
        tally.latencyMillis.add((answered - started) / 1e6);
        tally.windowNanos += ended - started;
        tally.operations++;
        stats.counts().forEach((key, count) -> tally.commands.merge(key, count, Long::sum));
    }

    /** Waits, reading through a client of its own, until the audit trail holds the newest event. */
    private void awaitProjections(MongoDatabase database) {
        Document newest = Bench.newestEvent(database);
        if (newest == null) {
            return;
        }
        String eventId = newest.getString("eventIdentifier");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (database.getCollection("audit_trail")
                        .find(Filters.eq("_id", eventId))
                        .first()
                == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the audit trail did not catch up within 30 s");
            }
            Bench.sleep(2);
        }
    }

    private static Http.Answer create(Http client, String name, String url) {
        return client.post("/api/integrations", """
                        {"name": "%s", "baseApiUrl": "%s", "active": true,
                         "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, url, Seeder.API_KEY))
                .requireStatus(201, "POST /api/integrations");
    }
}
