package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the audit trail cannot apply (a deactivation of an integration that was never added) no longer stops
 * its segment: it is recorded and skipped, the next event of the segment is applied, and the skipped event is
 * counted in the projections' status and in the health endpoint.
 */
@DirtiesContext
class PoisonEventTest extends ApiTestBase {

    private static final CompanyId ACME = new CompanyId("acme");

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    HealthEndpoint health;

    @Test
    void aPoisonEventIsCountedShownInStatusAndHealthAndTheSegmentMovesOn() {
        IntegrationId orphan = IntegrationId.of(UUID.randomUUID());
        eventStore.publish(new GenericDomainEventMessage<>(
                "Integration",
                orphan.value(),
                1,
                new IntegrationEvent.IntegrationDeactivated(orphan, ACME, Instant.now())));
        // An integration of the same segment (two segments: by the low bit of the identifier's hash), added after.
        IntegrationId next = IntegrationId.of(UUID.randomUUID());
        while ((next.value().hashCode() & 1) != (orphan.value().hashCode() & 1)) {
            next = IntegrationId.of(UUID.randomUUID());
        }
        eventStore.publish(new GenericDomainEventMessage<>(
                "Integration",
                next.value(),
                0,
                new IntegrationEvent.IntegrationAdded(
                        next,
                        ACME,
                        Instant.now(),
                        new IntegrationName(unique("Next")),
                        new BaseApiUrl("https://next.example/api"),
                        RequestParameters.NONE,
                        new Authentication.ApiKey(new SealedSecret("1", "c2VhbGVk", null)),
                        true)));

        String nextId = next.value();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        mongo.count(Query.query(Criteria.where("integrationId").is(nextId)), "audit_trail") == 1);

        Answer status = operator().get("/api/admin/projections");
        assertThat(status.status()).isEqualTo(200);
        Map<String, Long> poisoned = new java.util.HashMap<>();
        for (JsonNode projection : status.json()) {
            poisoned.put(
                    projection.path("name").asText(),
                    projection.path("poisoned").asLong());
        }
        assertThat(poisoned).containsEntry("audit-trail", 1L).containsEntry("integration-list", 0L);
        Document record = mongo.getCollection("projection_poison").find().first();
        assertThat(record).isNotNull();
        assertThat(record.getString("integrationId")).isEqualTo(orphan.value());
        assertThat(record.getString("projection")).isEqualTo("audit-trail");
        Health projections = (Health) health.healthForPath("projections");
        assertThat(projections.getStatus()).isEqualTo(Status.UP);
        assertThat(projections.getDetails()).containsEntry("poisonedEvents", 1L);
    }
}
