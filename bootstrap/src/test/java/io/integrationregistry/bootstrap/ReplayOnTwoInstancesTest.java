package io.integrationregistry.bootstrap;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import fixtures.keys.TestKeys;
import fixtures.mongo.EmbeddedMongo;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.SealedSecret;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay asked of one of two instances whose served processors share the segments: the served processors
 * of both go on running with the same segments, the rebuild runs on processors of its own and is swapped in.
 */
class ReplayOnTwoInstancesTest {

    private static final List<String> SERVED = List.of("integration-list", "audit-trail");
    private static final String ONE = "replay-one";
    private static final String TWO = "replay-two";
    private static final CompanyId COMPANY = new CompanyId("replay-co");
    private static final int INTEGRATIONS = 30;
    private static final int EVENTS_EACH = 3;

    @TempDir
    static Path data;

    private static EmbeddedMongo mongo;
    private static MongoDatabase database;
    private static RunningRegistry one;
    private static RunningRegistry two;

    @BeforeAll
    static void startTwoInstancesWithTheServedSegmentsSplit() {
        mongo = new EmbeddedMongo(data, "registry");
        String uri = mongo.uri();
        database = mongo.database();
        one = RunningRegistry.start(properties(uri, ONE));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> owners().values().stream().filter(ONE::equals).count() == 4);
        two = RunningRegistry.start(properties(uri, TWO));
        for (String processor : SERVED) {
            processor(one, processor).releaseSegment(1, 30, TimeUnit.MINUTES);
        }
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> owners().equals(split()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {two, one}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // stopping the rest matters more
            }
        }
        mongo.close();
    }

    @Test
    void aReplayWithTwoInstancesAnswers202AndKeepsEveryServedProcessorRunning() {
        EventStore events = one.bean(EventStore.class);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < INTEGRATIONS; i++) {
            events.publish(lifeOf(IntegrationId.of(UUID.randomUUID()), t0.plusSeconds(i * 60L), i));
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> list().size() == INTEGRATIONS && trail().size() == INTEGRATIONS * EVENTS_EACH);
        List<Document> folded = list();
        List<Document> trail = trail();
        // A served entry gone wrong: only a rebuilt list, swapped in, puts it right.
        Document garbled = folded.get(0);
        database.getCollection("integration_list")
                .updateOne(
                        Filters.eq("_id", garbled.get("_id")), new Document("$set", new Document("name", "garbled")));

        Answer accepted = operator(one).post("/api/admin/projections/integration-list/replay", null);
        Answer again = operator(two).post("/api/admin/projections/integration-list/replay", null);
        Answer otherModel = operator(two).post("/api/admin/projections/audit-trail/replay", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(again.status())
                .as("a second replay while the first is under way")
                .isEqualTo(409);
        assertThat(again.body()).contains("rebuild-under-way");
        assertThat(otherModel.status()).as(otherModel.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertServedProcessorsRunWithTheirSegments();
                    assertThat(database.getCollection("read_model_rebuilds")
                                    .countDocuments(Filters.eq("phase", "SERVING")))
                            .as("rebuilds finished")
                            .isEqualTo(2);
                });

        assertThat(list()).isEqualTo(folded);
        assertThat(trail()).isEqualTo(trail);
        assertServedProcessorsRunWithTheirSegments();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(owners())
                            .as("rebuild processors stopped, their tokens removed")
                            .isEqualTo(split());
                    for (RunningRegistry instance : List.of(one, two)) {
                        assertThat(processor(instance, "integration-list-rebuild")
                                        .isRunning())
                                .isFalse();
                        assertThat(processor(instance, "audit-trail-rebuild").isRunning())
                                .isFalse();
                    }
                });
        Answer afterwards = operator(two).post("/api/admin/projections/integration-list/replay", null);
        assertThat(afterwards.status())
                .as("a replay once the last one finished")
                .isEqualTo(202);
    }

    private static void assertServedProcessorsRunWithTheirSegments() {
        for (RunningRegistry instance : List.of(one, two)) {
            for (String processor : SERVED) {
                TrackingEventProcessor served = processor(instance, processor);
                assertThat(served.isRunning()).as("%s running", processor).isTrue();
                assertThat(served.processingStatus().values()).noneMatch(EventTrackerStatus::isErrorState);
            }
        }
        Map<String, String> owners = owners();
        owners.keySet().removeIf(segment -> segment.contains("-rebuild/"));
        assertThat(owners).isEqualTo(split());
    }

    private static List<Document> list() {
        return database.getCollection("integration_list")
                .find(Filters.eq("companyId", COMPANY.value()))
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    private static List<Document> trail() {
        return database.getCollection("audit_trail")
                .find(Filters.eq("company", COMPANY.value()))
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    private static Map<String, String> owners() {
        Map<String, String> owners = new TreeMap<>();
        for (Document token : database.getCollection("trackingtokens").find()) {
            owners.put(token.getString("processorName") + "/" + token.getInteger("segment"), token.getString("owner"));
        }
        return owners;
    }

    private static Map<String, String> split() {
        Map<String, String> split = new TreeMap<>();
        for (String processor : SERVED) {
            split.put(processor + "/0", ONE);
            split.put(processor + "/1", TWO);
        }
        return split;
    }

    private static TrackingEventProcessor processor(RunningRegistry instance, String name) {
        return instance.bean(EventProcessingConfiguration.class)
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow();
    }

    private static HttpApi operator(RunningRegistry instance) {
        return HttpApi.as(instance.port(), "olga", "olga-pw");
    }

    private static String[] properties(String uri, String nodeId) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.data.mongodb.uri=" + uri,
                "registry.secrets.keyset=" + TestKeys.keysetJson(),
                "registry.security.users.olga.password={noop}olga-pw",
                "registry.security.users.olga.roles=OPERATOR",
                "registry.axon.node-id=" + nodeId,
                "registry.axon.token-claim-timeout=PT3S",
                "registry.axon.rebuild-check=PT0.2S"));
        for (String processor : SERVED) {
            properties.add("axon.eventhandling.processors." + processor + ".token-claim-interval=500");
        }
        return properties.toArray(String[]::new);
    }

    private static List<GenericDomainEventMessage<IntegrationEvent>> lifeOf(IntegrationId id, Instant start, int n) {
        List<IntegrationEvent> life = List.of(
                new IntegrationEvent.IntegrationAdded(
                        id,
                        COMPANY,
                        start,
                        new IntegrationName("Replay " + n),
                        new BaseApiUrl("https://replay.example/api/" + n),
                        RequestParameters.NONE,
                        new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk" + n, null)),
                        true),
                new IntegrationEvent.IntegrationDeactivated(id, COMPANY, start.plusSeconds(1)),
                new IntegrationEvent.IntegrationEdited(
                        id,
                        COMPANY,
                        start.plusSeconds(2),
                        new IntegrationName("Replay " + n + " v2"),
                        new BaseApiUrl("https://replay.example/v2/" + n),
                        new RequestParameters("v=2"),
                        new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk" + n + "x", null))));
        List<GenericDomainEventMessage<IntegrationEvent>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < life.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Integration",
                    id.value(),
                    sequence,
                    life.get(sequence),
                    MetaData.with("actor", "replayer")
                            .and("requestId", "replay-" + n)
                            .and("source", "system")));
        }
        return messages;
    }
}
