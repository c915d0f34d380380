package io.integrationregistry.bootstrap.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * B1 and B2: adding then editing integrations on 16 threads, through the driving port and through the
 * REST API, against raw {@code insertOne} of event documents of the same size. B1 counts a run until both
 * projections caught up with its last command, so that its ratio to the raw inserts says how many raw
 * inserts a command costs with its projections' writes (goal: at most four, a ratio of 0.25).
 */
final class CommandPath {

    static final int THREADS = 16;
    static final long TABLE_COMMANDS = 20_000;
    private static final int WARM_UP_PAIRS = 80;
    private static final String RAW_COLLECTION = "bench_raw_events";

    private final Bench bench;
    private final ForManagingIntegrations management;
    private final Caller caller = new Caller(new Actor(Service.ADMIN), new CompanyId(Service.ADMIN_COMPANY));
    private final AtomicLong names = new AtomicLong();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private List<Document> eventTemplates;
    private final AtomicLong rawPositions = new AtomicLong();

    CommandPath(Bench bench) {
        this.bench = bench;
        this.management = bench.service.bean(ForManagingIntegrations.class);
    }

    List<Figure> run() {
        List<Figure> figures = new ArrayList<>();
        long storedAtStart = bench.storedEvents();
        // B1: warm-up, then the size that fits, then command runs and raw-insert runs in turn.
        long begin = System.nanoTime();
        Load.Run warmUp = portPairs(WARM_UP_PAIRS).requireSuccess("B1 warm-up");
        bench.settle();
        int pairs = (int)
                (bench.size("B1", warmUp.perSecond() * 2, bench.secondsPerRep("B1"), TABLE_COMMANDS, THREADS * 2L) / 2);
        eventTemplates = templates();
        MongoCollection<Document> raw = rawCollection();
        rawInserts(raw, pairs * 2).requireSuccess("raw warm-up");
        bench.log("B1 at " + pairs * 2 + " commands per run (warm-up: " + Format.number(warmUp.perSecond() * 2)
                + " commands/s)");
        List<Double> commandRates = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        List<Double> commandP50 = new ArrayList<>();
        List<Double> answeredRates = new ArrayList<>();
        for (int rep = 0; rep < bench.reps(); rep++) {
            // A command is done once both projections show it: the time until the slower one (the audit
            // trail) caught up with the last command counts.
            long started = System.nanoTime();
            Load.Run commands = portPairs(pairs).requireSuccess("B1 commands");
            bench.settle();
            commandRates.add(pairs * 2 / ((System.nanoTime() - started) / 1e9));
            answeredRates.add(commands.perSecond() * 2);
            commandP50.add(commands.p50Millis());
            rawRates.add(
                    rawInserts(raw, pairs * 2).requireSuccess("raw inserts").perSecond());
        }
        Figure b1 = new Figure(
                        "B1",
                        bench.target,
                        "command path: add then edit via ForManagingIntegrations, " + THREADS + " threads")
                .size(pairs * 2L, TABLE_COMMANDS, "commands")
                .measured("commands with their projections", Stats.of(commandRates), "cmd/s")
                .baseline("raw insertOne", Stats.of(rawRates), "doc/s");
        // A command, with the writes of both projections, costs at most four raw inserts.
        b1.ratio("command/raw-insert", b1.measured.median() / b1.baseline.median(), Figure.Goal.AT_LEAST, 0.25);
        b1.extraText =
                "answered (projections not awaited) " + Stats.of(answeredRates).format("cmd/s");
        b1.extra.put("answeredCommandsPerSecondPerRep", answeredRates);
        b1.extra.put("storedEventsAtStart", storedAtStart);
        b1.extra.put("addEditPairLatencyP50MillisPerRep", commandP50);
        b1.extra.put("writeConcern", String.valueOf(bench.service.database().getWriteConcern()));
        b1.extra.put(
                "rawDocumentBytes",
                eventTemplates.stream().map(d -> d.toJson().length()).toList());
        b1.notes.add("raw baseline: insertOne of copies of the events the commands stored (an IntegrationAdded and an "
                + "IntegrationEdited document in turn), into " + RAW_COLLECTION + " with the indexes of domainevents, "
                + "same client, database, write concern and threads");
        b1.notes.add("each command answers once the list shows its effect (read-your-writes); a run lasts until the "
                + "audit trail, too, holds the last command's event, so the rate includes both projections' writes");
        b1.seconds = (System.nanoTime() - begin) / 1e9;
        bench.profileIfMissed(b1, () -> portPairs(pairs));
        bench.settle();
        if (bench.options.includes("B1")) {
            figures.add(b1);
        }
        if (bench.options.includes("B2")) {
            figures.add(http(pairs, Stats.of(answeredRates)));
        }
        raw.drop();
        return figures;
    }

    /** B2, against the rate at which the port answered B1's commands (neither waits for the audit trail). */
    private Figure http(int pairs, Stats portAnswered) {
        long begin = System.nanoTime();
        long storedAtStart = bench.storedEvents();
        try (Http client = bench.service.admin(THREADS)) {
            httpPairs(client, WARM_UP_PAIRS).requireSuccess("B2 warm-up");
            bench.settle();
            List<Double> rates = new ArrayList<>();
            List<Double> p50 = new ArrayList<>();
            for (int rep = 0; rep < bench.reps(); rep++) {
                Load.Run commands = httpPairs(client, pairs).requireSuccess("B2 commands");
                rates.add(commands.perSecond() * 2);
                p50.add(commands.p50Millis());
                bench.settle();
            }
            Figure b2 = new Figure(
                            "B2",
                            bench.target,
                            "HTTP path: POST then PUT /api/integrations, " + THREADS + " keep-alive connections")
                    .size(pairs * 2L, TABLE_COMMANDS, "commands")
                    .measured("HTTP commands", Stats.of(rates), "cmd/s")
                    .baseline("B1 commands answered", portAnswered, "cmd/s");
            b2.ratio("http/port", b2.measured.median() / portAnswered.median(), Figure.Goal.AT_LEAST, 0.6);
            b2.extra.put("storedEventsAtStart", storedAtStart);
            b2.extra.put("postPutPairLatencyP50MillisPerRep", p50);
            b2.notes.add(
                    "client: Apache HttpClient 5 (blocking, pooled keep-alive), HTTP Basic with a {noop} password");
            b2.seconds = (System.nanoTime() - begin) / 1e9;
            bench.profileIfMissed(b2, () -> httpPairs(client, pairs));
            bench.settle();
            return b2;
        }
    }

    private Load.Run portPairs(int pairs) {
        return Load.run("port", THREADS, pairs, i -> {
            String name = "B1 " + run + " " + names.incrementAndGet();
            Caller requestCaller = new Caller(caller.actor(), caller.company());
            Receipt added = management.add(requestCaller, draft(name, "https://docs.example/api/v1", true), true);
            management.edit(
                    new Caller(caller.actor(), caller.company()),
                    added.integrationId(),
                    draft(name, "https://docs.example/api/v2", false),
                    ExpectedVersion.of(added.version()));
        });
    }

    private Load.Run httpPairs(Http client, int pairs) {
        return Load.run("http", THREADS, pairs, i -> {
            String name = "B2 " + run + " " + names.incrementAndGet();
            Http.Answer added = client.post("/api/integrations", """
                    {"name": "%s", "baseApiUrl": "https://docs.example/api/v1", "active": true,
                     "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, Seeder.API_KEY))
                    .requireStatus(201, "POST /api/integrations");
            client.put(added.location(), """
                    {"name": "%s", "baseApiUrl": "https://docs.example/api/v2",
                     "authentication": {"type": "API_KEY"}}""".formatted(name), added.etag())
                    .requireStatus(200, "PUT " + added.location());
        });
    }

    private static IntegrationDraft draft(String name, String url, boolean withKey) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl(url),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(
                        withKey
                                ? Optional.of(PlainSecret.of("authentication.apiKey", Seeder.API_KEY))
                                : Optional.empty()));
    }

    /** The two events of the newest add-then-edit, as stored: found by position from the newest down, then by key. */
    private List<Document> templates() {
        MongoCollection<Document> events = bench.collection("domainevents");
        Document edited = null;
        for (long upTo = bench.newestPosition(); upTo > 0 && edited == null; upTo -= 16) {
            List<Long> positions = new ArrayList<>();
            for (long position = upTo; position > Math.max(0, upTo - 16); position--) {
                positions.add(position);
            }
            edited = events.find(Filters.and(
                            Filters.in("position", positions),
                            Filters.eq(
                                    "payloadType", "io.integrationregistry.domain.IntegrationEvent$IntegrationEdited")))
                    .first();
        }
        if (edited == null) {
            throw new IllegalStateException("no edit stored by the warm-up");
        }
        String aggregate = edited.getString("aggregateIdentifier");
        return events.find(Filters.in("_id", aggregate + ":0", aggregate + ":1"))
                .sort(Sorts.ascending("sequenceNumber"))
                .into(new ArrayList<>());
    }

    /** A collection with the indexes of the event store, on the same database. */
    private MongoCollection<Document> rawCollection() {
        MongoCollection<Document> raw = bench.collection(RAW_COLLECTION)
                .withWriteConcern(bench.service.database().getWriteConcern());
        if (bench.service
                .database()
                .listCollectionNames()
                .into(new ArrayList<>())
                .contains(RAW_COLLECTION)) {
            raw.drop();
        }
        for (Document index : bench.collection("domainevents").listIndexes()) {
            if (!"_id_".equals(index.getString("name"))) {
                raw.createIndex(
                        (Document) index.get("key"),
                        new IndexOptions().name(index.getString("name")).unique(index.getBoolean("unique", false)));
            }
        }
        return raw;
    }

    private Load.Run rawInserts(MongoCollection<Document> raw, int documents) {
        return Load.run("raw", THREADS, documents, i -> {
            Document event = new Document(eventTemplates.get(i % eventTemplates.size()));
            String aggregate = UUID.randomUUID().toString();
            // The event store's shape: keyed by integration and sequence number, at a position of its own.
            event.put("_id", aggregate + ":" + event.get("sequenceNumber"));
            event.put("position", rawPositions.incrementAndGet());
            event.put("aggregateIdentifier", aggregate);
            event.put("eventIdentifier", UUID.randomUUID().toString());
            raw.insertOne(event);
        });
    }
}
