package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.audit.AuditEntries;
import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.CompanyId;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.integrationregistry.adapters.mongo.AuditLives.CIPHERTEXT_MARK;
import static io.integrationregistry.adapters.mongo.AuditLives.KEY_ID_MARK;
import static io.integrationregistry.adapters.mongo.AuditLives.life;
import static io.integrationregistry.adapters.mongo.Fixtures.millis;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail as a projection: rebuilt from the events it gives the same trail, entry by entry;
 * a redelivered event, a concurrent one, or one delivered again after a crash between the entry and
 * the subject write, leaves exactly what a single clean delivery leaves.
 */
abstract class AuditTrailReplayContract extends AuditTrailFixture {

    private static final List<CompanyId> COMPANIES =
            List.of(new CompanyId("acme"), new CompanyId("globex"), new CompanyId("initech"));
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    @Test
    void given_a_thousand_events_when_the_trail_is_reset_and_rebuilt_then_every_entry_is_the_same() {
        List<List<RecordedEvent>> lives = new ArrayList<>();
        for (int serial = 0; serial < 100; serial++) {
            int owner = serial;
            // Two integrations share each instant, so that the order relies on the event id as well.
            lives.add(life(
                    newId(),
                    COMPANIES.get(serial % COMPANIES.size()),
                    serial,
                    9,
                    n -> T0.plus(Duration.ofMinutes(n)).plusMillis(owner % 50)));
        }

        applyInterleaved(lives, trail::apply);
        Map<CompanyId, List<AuditEntry>> before = exportAll();
        List<Document> subjectsBefore = raw(MongoAuditTrail.SUBJECTS);

        trail.requestRebuild();
        trail.replayStarted("every event");
        applyInterleaved(lives, trail::applyToRebuild);
        assertThat(exportAll()).as("served while the rebuild runs").isEqualTo(before);
        assertThat(trail.caughtUp(0, 1)).isTrue();
        Map<CompanyId, List<AuditEntry>> after = exportAll();

        assertThat(before.values().stream().mapToInt(List::size).sum()).isEqualTo(1_000);
        for (CompanyId company : COMPANIES) {
            List<AuditEntry> expected = before.get(company);
            List<AuditEntry> actual = after.get(company);
            assertThat(actual).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i))
                        .as("entry %d of %s", i, company.value())
                        .isEqualTo(expected.get(i));
            }
            assertThat(actual).isEqualTo(newestFirst(pureTrail(lives, company)));
        }
        assertThat(raw(MongoAuditTrail.SUBJECTS)).isEqualTo(subjectsBefore);
        for (String collection : List.of(MongoAuditTrail.ENTRIES, MongoAuditTrail.SUBJECTS)) {
            for (Document document : raw(collection)) {
                assertThat(document.toJson()).doesNotContain(CIPHERTEXT_MARK).doesNotContain(KEY_ID_MARK);
            }
        }
    }

    @Test
    void
            given_a_crash_after_the_entry_was_written_when_the_event_comes_again_then_the_trail_is_as_if_it_never_happened() {
        CompanyId acme = COMPANIES.get(0);
        List<RecordedEvent> events = life(newId(), acme, 3, 6, n -> T0.plusSeconds(n));
        events.forEach(trail::apply);
        List<Document> cleanEntries = raw(MongoAuditTrail.ENTRIES);
        List<Document> cleanSubjects = raw(MongoAuditTrail.SUBJECTS);
        emptyCollections();

        for (int n = 0; n < 3; n++) {
            trail.apply(events.get(n));
        }
        Document subjectAfterTwo =
                mongo.getCollection(MongoAuditTrail.SUBJECTS).find().first();
        trail.apply(events.get(3));
        // The entry of event 3 is written but the subject never advanced: the crash.
        mongo.getCollection(MongoAuditTrail.SUBJECTS)
                .replaceOne(new Document("_id", subjectAfterTwo.get("_id")), subjectAfterTwo);
        for (int n = 3; n < events.size(); n++) {
            trail.apply(events.get(n));
        }

        assertThat(raw(MongoAuditTrail.ENTRIES)).isEqualTo(cleanEntries);
        assertThat(raw(MongoAuditTrail.SUBJECTS)).isEqualTo(cleanSubjects);
        assertThat(exported(trail, acme)).isEqualTo(newestFirst(pureTrail(List.of(events), acme)));
    }

    @Test
    void given_every_event_delivered_twice_then_the_trail_holds_what_one_delivery_leaves() {
        CompanyId acme = COMPANIES.get(0);
        List<RecordedEvent> events = life(newId(), acme, 7, 9, n -> T0.plusSeconds(n));
        events.forEach(trail::apply);
        List<Document> cleanEntries = raw(MongoAuditTrail.ENTRIES);
        List<Document> cleanSubjects = raw(MongoAuditTrail.SUBJECTS);
        emptyCollections();

        for (RecordedEvent event : events) {
            trail.apply(event);
            trail.apply(event);
        }
        events.forEach(trail::apply);

        assertThat(raw(MongoAuditTrail.ENTRIES)).isEqualTo(cleanEntries);
        assertThat(raw(MongoAuditTrail.SUBJECTS)).isEqualTo(cleanSubjects);
    }

    @Test
    void given_the_same_event_delivered_concurrently_then_one_entry_is_written_and_no_delivery_fails()
            throws Exception {
        CompanyId acme = COMPANIES.get(0);
        for (int round = 0; round < 10; round++) {
            List<RecordedEvent> events = life(newId(), acme, round, 2, n -> T0.plusSeconds(n));
            for (RecordedEvent event : events) {
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> deliveries = new ArrayList<>();
                for (int copy = 0; copy < 4; copy++) {
                    deliveries.add(CompletableFuture.runAsync(() -> {
                        await(start);
                        trail.apply(event);
                    }));
                }
                start.countDown();
                CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new))
                        .get(20, TimeUnit.SECONDS);
            }
        }

        assertThat(raw(MongoAuditTrail.ENTRIES)).hasSize(30);
        assertThat(raw(MongoAuditTrail.SUBJECTS))
                .hasSize(10)
                .allMatch(subject -> subject.get("version", Number.class).longValue() == 2);
    }

    private void applyInterleaved(List<List<RecordedEvent>> lives, java.util.function.Consumer<RecordedEvent> apply) {
        int longest = lives.stream().mapToInt(List::size).max().orElse(0);
        for (int n = 0; n < longest; n++) {
            for (List<RecordedEvent> life : lives) {
                if (n < life.size()) {
                    apply.accept(life.get(n));
                }
            }
        }
    }

    private Map<CompanyId, List<AuditEntry>> exportAll() {
        Map<CompanyId, List<AuditEntry>> entries = new HashMap<>();
        for (CompanyId company : COMPANIES) {
            entries.put(company, exported(trail, company));
        }
        return entries;
    }

    private static List<AuditEntry> exported(MongoAuditTrail trail, CompanyId company) {
        List<AuditEntry> entries = new ArrayList<>();
        trail.export(company, AuditQuery.everything(), entries::add);
        return entries;
    }

    /** The trail the pure rule gives, with times as the store keeps them (milliseconds). */
    private static List<AuditEntry> pureTrail(List<List<RecordedEvent>> lives, CompanyId company) {
        List<AuditEntry> entries = new ArrayList<>();
        for (List<RecordedEvent> life : lives) {
            AuditSubject subject = null;
            for (RecordedEvent event : life) {
                AuditEntries.Step step = AuditEntries.next(subject, event);
                subject = step.after();
                AuditEntry entry = step.entry();
                if (entry.company().equals(company.value())) {
                    entries.add(new AuditEntry(
                            entry.eventId(),
                            entry.integrationId(),
                            entry.integrationName(),
                            entry.company(),
                            entry.type(),
                            entry.actor(),
                            millis(entry.at()),
                            entry.requestId(),
                            entry.source(),
                            entry.version(),
                            entry.changes()));
                }
            }
        }
        return entries;
    }

    private static List<AuditEntry> newestFirst(List<AuditEntry> entries) {
        List<AuditEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(AuditEntry::at)
                .thenComparing(AuditEntry::eventId)
                .reversed());
        return sorted;
    }

    private List<Document> raw(String collection) {
        List<Document> documents = new ArrayList<>();
        mongo.getCollection(collection).find().sort(new Document("_id", 1)).forEach(documents::add);
        return documents;
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
