package io.integrationregistry.bootstrap.api;

import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.SealedSecret;
import org.awaitility.Awaitility;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A replay rebuilds the list and the audit trail beside the served ones: while it runs, every company
 * keeps seeing all of its integrations and its whole trail, and what happens meanwhile ends up in both.
 */
@DirtiesContext
@Import(ReplayDisruptionTest.SlowReplay.Handlers.class)
class ReplayDisruptionTest extends ApiTestBase {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final int SEEDED = 40;
    private static final int EVENTS_EACH = 5;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ForReplayingProjections projections;

    @Test
    void oneTenantsReplayNeverMakesAnotherTenantsIntegrationsDisappear() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < SEEDED; i++) {
            eventStore.publish(lifeOf(IntegrationId.of(UUID.randomUUID()), t0.plusSeconds(i * 60L), i));
        }
        List<String> globexIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answer created = globexAdmin().post("/api/integrations", apiKeyBody(unique("Globex"), API_KEY));
            assertThat(created.status()).isEqualTo(201);
            globexIds.add(created.json().path("id").asText());
        }
        awaitCount("integration_list", "companyId", ACME, SEEDED);
        awaitCount("audit_trail", "company", ACME, SEEDED * EVENTS_EACH);
        List<Document> listBefore = raw("integration_list");
        List<Document> trailBefore = raw("audit_trail");
        int globexTrail = globexTrailSize();
        assertThat(globexTrail).isEqualTo(3);

        SlowReplay.millisPerEvent = 15;
        projections.replay("integration-list");
        projections.replay("audit-trail");

        int looksWhileRebuilding = 0;
        String addedMeanwhile = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (rebuilding() && System.nanoTime() < deadline) {
            looksWhileRebuilding++;
            Answer page = globexAdmin().get("/api/integrations?size=100");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().path("total").asLong())
                    .as("globex's total while acme's replay runs")
                    .isGreaterThanOrEqualTo(3);
            for (String id : globexIds) {
                assertThat(globexAdmin().get("/api/integrations/" + id).status())
                        .as("GET of %s", id)
                        .isEqualTo(200);
            }
            if (looksWhileRebuilding % 5 == 1) {
                assertThat(globexTrailSize())
                        .as("globex's audit trail while the replay runs")
                        .isGreaterThanOrEqualTo(3);
            }
            pause();
            if (addedMeanwhile == null) {
                Answer created = globexAdmin().post("/api/integrations", apiKeyBody(unique("Meanwhile"), API_KEY));
                assertThat(created.status()).isEqualTo(201);
                addedMeanwhile = created.json().path("id").asText();
            }
        }

        SlowReplay.millisPerEvent = 0;
        assertThat(looksWhileRebuilding).as("looks taken while the rebuild ran").isPositive();
        assertThat(rebuilding()).as("rebuild finished").isFalse();
        String meanwhile = addedMeanwhile;
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> globexAdmin().get("/api/integrations/" + meanwhile).status() == 200);
        assertThat(globexAdmin()
                        .get("/api/integrations?size=100")
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(4);
        assertThat(globexTrailSize()).isEqualTo(4);
        List<Document> listAfter = raw("integration_list");
        listAfter.removeIf(entry -> entry.getString("_id").equals(meanwhile));
        assertThat(listAfter).as("the list equals the fold of the events").isEqualTo(listBefore);
        List<Document> trailAfter = raw("audit_trail");
        trailAfter.removeIf(entry -> meanwhile.equals(entry.getString("integrationId")));
        assertThat(trailAfter).as("the trail equals the fold of the events").isEqualTo(trailBefore);
        assertThat(mongo.getCollectionNames())
                .doesNotContain("integration_list_rebuild", "audit_trail_rebuild", "audit_subjects_rebuild");
    }

    /**
     * One more handler in each rebuild processor's group, so that a replay of a few hundred events lasts long
     * enough for many looks at the served models.
     */
    static final class SlowReplay {

        static volatile long millisPerEvent;

        private static void pauseAWhile() {
            long millis = millisPerEvent;
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @ProcessingGroup("integration-list-rebuild")
        static final class OfTheList {
            @EventHandler
            void on(IntegrationEvent event) {
                pauseAWhile();
            }
        }

        @ProcessingGroup("audit-trail-rebuild")
        static final class OfTheTrail {
            @EventHandler
            void on(IntegrationEvent event) {
                pauseAWhile();
            }
        }

        @TestConfiguration
        static class Handlers {
            @Bean
            OfTheList slowListReplay() {
                return new OfTheList();
            }

            @Bean
            OfTheTrail slowTrailReplay() {
                return new OfTheTrail();
            }
        }
    }

    /** Leaves the embedded store some room between looks: the replay, not the looking, is under test. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean rebuilding() {
        return projections.status().stream().anyMatch(ProjectionStatus::replaying);
    }

    private int globexTrailSize() {
        Answer trail = globexAdmin().get("/api/audit?size=100");
        assertThat(trail.status()).isEqualTo(200);
        return trail.json().path("items").size();
    }

    private void awaitCount(String collection, String companyField, CompanyId company, long count) {
        Query ofCompany = Query.query(Criteria.where(companyField).is(company.value()));
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> mongo.count(ofCompany, collection) >= count);
    }

    private List<Document> raw(String collection) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection);
    }

    private static List<GenericDomainEventMessage<IntegrationEvent>> lifeOf(IntegrationId id, Instant start, int n) {
        List<IntegrationEvent> events = new ArrayList<>();
        events.add(new IntegrationEvent.IntegrationAdded(
                id,
                ACME,
                start,
                new IntegrationName("Seeded " + n),
                new BaseApiUrl("https://seeded.example/api/" + n),
                RequestParameters.NONE,
                new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk" + n, null)),
                true));
        for (int e = 1; e < EVENTS_EACH; e++) {
            Instant at = start.plusSeconds(e);
            events.add(
                    e % 2 == 1
                            ? new IntegrationEvent.IntegrationDeactivated(id, ACME, at)
                            : new IntegrationEvent.IntegrationActivated(id, ACME, at));
        }
        List<GenericDomainEventMessage<IntegrationEvent>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Integration",
                    id.value(),
                    sequence,
                    events.get(sequence),
                    MetaData.with("actor", "seeder")
                            .and("requestId", "seed-" + n)
                            .and("source", "system")));
        }
        return messages;
    }
}
