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
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding the audit trail from 400 stored events (2,000 with {@code -Dreliability.soak=true}) gives back exactly
 * the trail it replaced.
 */
@DirtiesContext
class ProjectionReplayTest extends ApiTestBase {

    private static final int INTEGRATIONS = Boolean.getBoolean("reliability.soak") ? 200 : 40;
    private static final int EVENTS_EACH = 10;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ForReplayingProjections projections;

    @Test
    void the_audit_trail_rebuilt_from_every_stored_event_equals_the_one_it_replaced() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        CompanyId company = new CompanyId("replay-co");
        for (int i = 0; i < INTEGRATIONS; i++) {
            eventStore.publish(lifeOf(IntegrationId.of(UUID.randomUUID()), company, t0.plusSeconds(i * 60L), i));
        }
        List<Document> original = awaitTrailOf(company, INTEGRATIONS * EVENTS_EACH);

        Answer forbidden = auditor().post("/api/admin/projections/audit-trail/replay", null);
        Answer companyAdmin = alice().post("/api/admin/projections/audit-trail/replay", null);
        Answer accepted = operator().post("/api/admin/projections/audit-trail/replay", null);

        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(companyAdmin.status())
                .as("a company's administrator rebuilds nothing for all")
                .isEqualTo(403);
        assertThat(accepted.status()).isEqualTo(202);
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> projections.status().stream().noneMatch(ProjectionStatus::replaying));
        List<Document> rebuilt = awaitTrailOf(company, INTEGRATIONS * EVENTS_EACH);
        assertThat(rebuilt).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            assertThat(rebuilt.get(i)).as("entry %d", i).isEqualTo(original.get(i));
        }
        Answer status = operator().get("/actuator/projections");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().findValuesAsText("name")).contains("integration-list", "audit-trail");
        assertThat(status.json().findValues("running")).allMatch(running -> running.asBoolean());
    }

    private List<Document> awaitTrailOf(CompanyId company, int entries) {
        Query ofCompany = Query.query(org.springframework.data.mongodb.core.query.Criteria.where("company")
                        .is(company.value()))
                .with(Sort.by("_id"));
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> mongo.count(ofCompany, "audit_trail") >= entries);
        return mongo.find(ofCompany, Document.class, "audit_trail");
    }

    private static List<GenericDomainEventMessage<IntegrationEvent>> lifeOf(
            IntegrationId id, CompanyId company, Instant start, int n) {
        List<IntegrationEvent> events = new ArrayList<>();
        events.add(new IntegrationEvent.IntegrationAdded(
                id,
                company,
                start,
                new IntegrationName("Replay " + n),
                new BaseApiUrl("https://replay.example/api/" + n),
                RequestParameters.NONE,
                new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk" + n, null)),
                true));
        for (int e = 1; e < EVENTS_EACH; e++) {
            Instant at = start.plusSeconds(e);
            events.add(
                    switch (e % 3) {
                        case 0 ->
                            new IntegrationEvent.IntegrationEdited(
                                    id,
                                    company,
                                    at,
                                    new IntegrationName("Replay " + n + " v" + e),
                                    new BaseApiUrl("https://replay.example/api/" + n + "/" + e),
                                    new RequestParameters("v=" + e),
                                    new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk" + n + "x" + e, null)));
                        case 1 -> new IntegrationEvent.IntegrationDeactivated(id, company, at);
                        default -> new IntegrationEvent.IntegrationActivated(id, company, at);
                    });
        }
        List<GenericDomainEventMessage<IntegrationEvent>> messages = new ArrayList<>();
        for (int sequence = 0; sequence < events.size(); sequence++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Integration",
                    id.value(),
                    sequence,
                    events.get(sequence),
                    MetaData.with("actor", "replayer")
                            .and("requestId", "replay-" + n)
                            .and("source", "system")));
        }
        return messages;
    }
}
