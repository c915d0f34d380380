package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.integrationregistry.adapters.mongo.AuditLives.life;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection tests in the audit trail: found by the trail's queries and exports like the events' entries,
 * filtered by type and integration, holding origins and a summary only, kept by a rebuild of the trail.
 */
abstract class ConnectionTestTrailContract extends AuditTrailFixture {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123Z");

    private MongoConnectionTestTrail tests;

    @BeforeEach
    void recorder() {
        tests = new MongoConnectionTestTrail(mongo);
    }

    @Test
    void aConnectionTestIsAnAuditEntryOfItsOwnTypeWithOriginsAndOutcomeOnly() {
        IntegrationId id = newId();
        List<RecordedEvent> events = life(id, ACME, 0, 2, n -> T0.plusSeconds(n));
        events.forEach(trail::apply);

        tests.record(test("t-1", ACME, Optional.of(id), T0.plusSeconds(60), "FAILED"));

        List<AuditEntry> tested = all(ACME, byType(Optional.empty(), AuditEntryType.TESTED));
        assertThat(tested).hasSize(1);
        AuditEntry entry = tested.get(0);
        assertThat(entry.eventId()).isEqualTo("t-1");
        assertThat(entry.integrationId()).isEqualTo(id.value());
        assertThat(entry.integrationName()).isEqualTo("Docs");
        assertThat(entry.actor()).isEqualTo("alice");
        assertThat(entry.at()).isEqualTo(T0.plusSeconds(60));
        assertThat(entry.requestId()).isEqualTo("request-t-1");
        assertThat(entry.source()).isEqualTo("ui");
        assertThat(entry.changes()).isEmpty();
        assertThat(entry.test())
                .isEqualTo(new AuditEntry.TestedConnection(
                        List.of("https://docs.example:443", "https://auth.example:443"),
                        "FAILED",
                        "The provider answered 401 to the health check."));
        assertThat(all(ACME, byType(Optional.of(id.value()), null)))
                .hasSize(events.size() + 1)
                .first()
                .isEqualTo(entry);
        assertThat(all(ACME, byType(Optional.of(id.value()), AuditEntryType.EDITED)))
                .noneMatch(found -> found.type() == AuditEntryType.TESTED);
        assertThat(trail.page(ACME, byType(Optional.empty(), AuditEntryType.TESTED), Optional.empty(), 10)
                        .items())
                .containsExactly(entry);
        assertThat(all(GLOBEX, AuditQuery.everything())).isEmpty();
        Document stored = mongo.getCollection(MongoAuditTrail.ENTRIES)
                .find(new Document("_id", "t-1"))
                .first();
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "_id",
                        "integrationId",
                        "integrationName",
                        "company",
                        "type",
                        "actor",
                        "at",
                        "requestId",
                        "source",
                        "version",
                        "changes",
                        "test");
        assertThat(((Document) stored.get("test")).keySet()).containsExactlyInAnyOrder("origins", "outcome", "summary");
    }

    @Test
    void aTestOfValuesTypedForANewIntegrationNamesNoIntegration() {
        tests.record(test("t-new", ACME, Optional.empty(), T0, "PASSED"));

        AuditEntry entry = all(ACME, AuditQuery.everything()).get(0);

        assertThat(entry.integrationId()).isNull();
        assertThat(entry.type()).isEqualTo(AuditEntryType.TESTED);
        assertThat(entry.test().outcome()).isEqualTo("PASSED");
    }

    @Test
    void recordingTheSameTestTwiceLeavesOneEntry() {
        ConnectionTestRecord once = test("t-2", ACME, Optional.of(newId()), T0, "PASSED");

        tests.record(once);
        tests.record(once);

        assertThat(all(ACME, AuditQuery.everything())).hasSize(1);
    }

    @Test
    void aRebuildOfTheTrailKeepsTheConnectionTests() {
        IntegrationId id = newId();
        List<RecordedEvent> events = life(id, ACME, 1, 3, n -> T0.plusSeconds(n));
        events.forEach(trail::apply);
        tests.record(test("t-3", ACME, Optional.of(id), T0.plusSeconds(30), "PASSED"));
        List<AuditEntry> before = all(ACME, AuditQuery.everything());

        rebuild(events);

        assertThat(all(ACME, AuditQuery.everything())).isEqualTo(before);
        assertThat(all(ACME, byType(Optional.empty(), AuditEntryType.TESTED)))
                .extracting(AuditEntry::eventId)
                .containsExactly("t-3");
    }

    @Test
    void recordingNeverFailsATestEvenWithTheStoreAway() {
        try (MongoClient away =
                MongoClients.create("mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=200&connectTimeoutMS=200")) {
            MongoConnectionTestTrail unreachable = new MongoConnectionTestTrail(new MongoTemplate(away, "contract"));

            unreachable.record(test("t-4", ACME, Optional.empty(), T0, "PASSED"));
        }
    }

    private static ConnectionTestRecord test(
            String id, CompanyId company, Optional<IntegrationId> integration, Instant at, String outcome) {
        return new ConnectionTestRecord(
                id,
                company,
                integration,
                "Docs",
                new Actor("alice"),
                at,
                "request-" + id,
                "ui",
                List.of("https://docs.example:443", "https://auth.example:443"),
                outcome,
                outcome.equals("PASSED") ? "The provider answered." : "The provider answered 401 to the health check.");
    }

    private static AuditQuery byType(Optional<String> integrationId, AuditEntryType type) {
        return new AuditQuery(
                integrationId, Optional.empty(), Optional.ofNullable(type), Optional.empty(), Optional.empty());
    }

    private List<AuditEntry> all(CompanyId company, AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>();
        trail.export(company, query, entries::add);
        return entries;
    }
}
