package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.audit.AuditEntries;
import io.integrationregistry.application.audit.AuditSubject;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.in.FieldChange;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static io.integrationregistry.adapters.mongo.AuditLives.CIPHERTEXT_MARK;
import static io.integrationregistry.adapters.mongo.AuditLives.KEY_ID_MARK;
import static io.integrationregistry.adapters.mongo.AuditLives.added;
import static io.integrationregistry.adapters.mongo.AuditLives.edited;
import static io.integrationregistry.adapters.mongo.AuditLives.life;
import static io.integrationregistry.adapters.mongo.AuditLives.oauth2;
import static io.integrationregistry.adapters.mongo.AuditLives.recorded;
import static io.integrationregistry.adapters.mongo.AuditLives.secret;
import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.millis;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail read back: entries field by field, their stored shape, filters, cursor pages newest
 * first that concurrent writes never disturb, and the export in the same order.
 */
abstract class AuditTrailPagingContract extends AuditTrailFixture {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    /** Nanoseconds on purpose: the trail keeps milliseconds. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    @Test
    void given_a_life_then_each_entry_reads_back_field_by_field_as_the_audit_rule_made_it() {
        IntegrationId id = newId();
        List<RecordedEvent> events = List.of(
                recorded(0, "alice", added(id, ACME, T0, "Docs", oauth2(id, "client-1", secret(1)), true)),
                new RecordedEvent(
                        "evt-1",
                        1,
                        "bob",
                        "req-b",
                        "ui",
                        edited(
                                id,
                                ACME,
                                T0.plusSeconds(1),
                                "Docs",
                                "https://docs.example/api/v1",
                                "access_type=offline",
                                new Authentication.ApiKey(secret(2)))),
                new RecordedEvent(
                        "evt-2", 2, null, null, null, new IntegrationDeactivated(id, ACME, T0.plusSeconds(2))));
        events.forEach(trail::apply);

        List<AuditEntry> entries = exported(ACME, AuditQuery.everything());

        assertThat(entries).isEqualTo(newestFirst(pure(events)));
        AuditEntry switched = entries.get(1);
        assertThat(switched.eventId()).isEqualTo("evt-1");
        assertThat(switched.integrationId()).isEqualTo(id.value());
        assertThat(switched.company()).isEqualTo("acme");
        assertThat(switched.type()).isEqualTo(AuditEntryType.EDITED);
        assertThat(switched.actor()).isEqualTo("bob");
        assertThat(switched.at()).isEqualTo(millis(T0.plusSeconds(1)));
        assertThat(switched.requestId()).isEqualTo("req-b");
        assertThat(switched.source()).isEqualTo("ui");
        assertThat(switched.version()).isEqualTo(1);
        assertThat(switched.changes())
                .containsExactly(
                        FieldChange.of("authentication.type", "OAUTH2", "API_KEY"),
                        FieldChange.of("authentication.authenticationUrl", "https://auth.example/authorize", null),
                        FieldChange.of("authentication.tokenEndpointUrl", "https://auth.example/token", null),
                        FieldChange.of("authentication.clientId", "client-1", null),
                        FieldChange.of(
                                "authentication.redirectUri",
                                "https://registry.example/oauth2/callback/" + id.value(),
                                null),
                        FieldChange.secretChanged("authentication.clientSecret"),
                        FieldChange.secretChanged("authentication.apiKey"));
        AuditEntry anonymous = entries.get(0);
        assertThat(anonymous.actor()).isNull();
        assertThat(anonymous.requestId()).isNull();
        assertThat(anonymous.source()).isNull();
        assertThat(anonymous.changes()).containsExactly(FieldChange.of("status", "ACTIVE", "INACTIVE"));
    }

    @Test
    void given_entries_then_they_are_stored_by_event_id_with_dates_secrets_only_as_changed_and_no_class_hint() {
        IntegrationId id = newId();
        RecordedEvent first =
                recorded(0, "alice", added(id, ACME, T0, "Docs", oauth2(id, "client-1", secret(1)), true));
        RecordedEvent rotation = recorded(
                1,
                "bob",
                edited(
                        id,
                        ACME,
                        T0.plusSeconds(1),
                        "Docs",
                        "https://docs.example/api/v1",
                        "access_type=offline",
                        oauth2(id, "client-1", secret(2))));
        trail.apply(first);
        trail.apply(rotation);

        Document stored = mongo.getCollection(MongoAuditTrail.ENTRIES)
                .find(new Document("_id", rotation.eventId()))
                .first();
        assertThat(stored).isNotNull();
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
                        "changes");
        assertThat(stored.get("at")).isEqualTo(Date.from(T0.plusSeconds(1)));
        assertThat(stored.getString("type")).isEqualTo("EDITED");
        assertThat(stored.getList("changes", Document.class))
                .containsExactly(new Document("field", "authentication.clientSecret").append("changed", true));
        Document subject = mongo.getCollection(MongoAuditTrail.SUBJECTS)
                .find(new Document("_id", id.value()))
                .first();
        assertThat(subject).isNotNull();
        assertThat(((Number) subject.get("version")).longValue()).isEqualTo(1);
        assertThat(subject.keySet()).doesNotContain("_class");
        for (String collection : List.of(MongoAuditTrail.ENTRIES, MongoAuditTrail.SUBJECTS)) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson())
                        .doesNotContain(CIPHERTEXT_MARK)
                        .doesNotContain(KEY_ID_MARK)
                        .doesNotContain("_class");
            }
        }
    }

    @Test
    void given_three_pages_when_entries_are_added_between_reads_then_later_pages_are_neither_shifted_nor_joined() {
        for (int serial = 0; serial < 5; serial++) {
            int owner = serial;
            life(newId(), ACME, serial, 4, n -> T0.plusSeconds(n * 10L + owner)).forEach(trail::apply);
        }
        List<AuditEntry> snapshot = exported(ACME, AuditQuery.everything());
        assertThat(snapshot).hasSize(25);

        AuditPage first = trail.page(ACME, AuditQuery.everything(), Optional.empty(), 10);
        life(newId(), ACME, 50, 3, n -> T0.plusSeconds(1_000 + n)).forEach(trail::apply);
        AuditPage second = trail.page(ACME, AuditQuery.everything(), first.next(), 10);
        life(newId(), ACME, 51, 3, n -> T0.plusSeconds(2_000 + n)).forEach(trail::apply);
        AuditPage third = trail.page(ACME, AuditQuery.everything(), second.next(), 10);

        assertThat(first.items()).isEqualTo(snapshot.subList(0, 10));
        assertThat(second.items()).isEqualTo(snapshot.subList(10, 20));
        assertThat(third.items()).isEqualTo(snapshot.subList(20, 25));
        assertThat(first.next()).isPresent();
        assertThat(second.next()).isPresent();
        assertThat(third.next()).isEmpty();
        assertThat(first.next().orElseThrow()).matches("[A-Za-z0-9_-]+");
        assertThat(snapshot).extracting(AuditEntry::at).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void given_entries_of_the_same_millisecond_then_pages_cut_between_them_by_event_id_and_lose_none() {
        List<RecordedEvent> events = new ArrayList<>();
        for (int serial = 0; serial < 9; serial++) {
            events.addAll(life(newId(), ACME, serial, 0, n -> T0));
        }
        events.forEach(trail::apply);

        List<AuditEntry> read = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            AuditPage page = trail.page(ACME, AuditQuery.everything(), cursor, 2);
            read.addAll(page.items());
            cursor = page.next();
            pages++;
        } while (cursor.isPresent());

        assertThat(pages).isEqualTo(5);
        assertThat(read)
                .extracting(AuditEntry::eventId)
                .containsExactlyElementsOf(events.stream()
                        .map(RecordedEvent::eventId)
                        .sorted(Comparator.reverseOrder())
                        .toList());
        assertThat(read).isEqualTo(exported(ACME, AuditQuery.everything()));
    }

    @Test
    void given_exactly_a_page_of_entries_or_none_then_no_next_page_is_offered() {
        assertThat(trail.page(ACME, AuditQuery.everything(), Optional.empty(), 5))
                .isEqualTo(new AuditPage(List.of(), Optional.empty()));

        life(newId(), ACME, 1, 4, n -> T0.plusSeconds(n)).forEach(trail::apply);

        AuditPage page = trail.page(ACME, AuditQuery.everything(), Optional.empty(), 5);
        assertThat(page.items()).hasSize(5);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void given_a_time_range_then_from_is_included_and_to_excluded_to_the_millisecond() {
        IntegrationId id = newId();
        life(id, ACME, 1, 5, n -> T0.plusMillis(n)).forEach(trail::apply);
        Instant second = millis(T0.plusMillis(1));
        Instant fourth = millis(T0.plusMillis(3));

        List<AuditEntry> inRange = exported(
                ACME,
                new AuditQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(second),
                        Optional.of(fourth)));

        assertThat(inRange).extracting(AuditEntry::version).containsExactly(2L, 1L);
        assertThat(exported(
                        ACME,
                        new AuditQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(fourth),
                                Optional.empty())))
                .extracting(AuditEntry::version)
                .containsExactly(5L, 4L, 3L);
        assertThat(exported(
                        ACME,
                        new AuditQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(second))))
                .extracting(AuditEntry::version)
                .containsExactly(0L);
    }

    @Test
    void given_filters_then_pages_and_export_hold_only_the_matching_entries_of_the_company() {
        IntegrationId docs = newId();
        IntegrationId maps = newId();
        IntegrationId foreign = newId();
        life(docs, ACME, 1, 9, n -> T0.plusSeconds(n * 3L)).forEach(trail::apply);
        life(maps, ACME, 2, 9, n -> T0.plusSeconds(n * 3L + 1)).forEach(trail::apply);
        life(foreign, GLOBEX, 3, 9, n -> T0.plusSeconds(n * 3L + 2)).forEach(trail::apply);
        trail.apply(recorded(10, "zed", new IntegrationActivated(foreign, GLOBEX, T0.plusSeconds(99))));

        List<AuditEntry> acme = exported(ACME, AuditQuery.everything());
        assertThat(acme).hasSize(20).allMatch(entry -> entry.company().equals("acme"));
        assertThat(exported(GLOBEX, AuditQuery.everything()))
                .hasSize(11)
                .allMatch(entry -> entry.company().equals("globex"));

        AuditQuery docsByBob = new AuditQuery(
                Optional.of(docs.value()), Optional.of("bob"), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(pagedAll(ACME, docsByBob, 1))
                .isEqualTo(acme.stream()
                        .filter(entry -> entry.integrationId().equals(docs.value()) && "bob".equals(entry.actor()))
                        .toList());
        AuditQuery edits = new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuditEntryType.EDITED),
                Optional.empty(),
                Optional.empty());
        assertThat(pagedAll(ACME, edits, 3))
                .isNotEmpty()
                .isEqualTo(acme.stream()
                        .filter(entry -> entry.type() == AuditEntryType.EDITED)
                        .toList());
        assertThat(exported(
                        ACME,
                        new AuditQuery(
                                Optional.of(foreign.value()),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())))
                .isEmpty();
        assertThat(exported(
                        ACME,
                        new AuditQuery(
                                Optional.empty(),
                                Optional.of("zed"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty())))
                .isEmpty();

        AuditPage acmeFirst = trail.page(ACME, AuditQuery.everything(), Optional.empty(), 2);
        AuditPage globexWithAcmeCursor = trail.page(GLOBEX, AuditQuery.everything(), acmeFirst.next(), 50);
        assertThat(globexWithAcmeCursor.items())
                .allMatch(entry -> entry.company().equals("globex"));
    }

    @Test
    void given_a_string_that_is_not_a_cursor_then_the_page_is_refused_naming_the_cursor() {
        life(newId(), ACME, 1, 2, n -> T0.plusSeconds(n)).forEach(trail::apply);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();

        for (String notACursor : List.of(
                "!!",
                "",
                "%%%",
                base64.encodeToString("no separator".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("yesterday:evt-1".getBytes(StandardCharsets.UTF_8)),
                base64.encodeToString("123:".getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> trail.page(ACME, AuditQuery.everything(), Optional.of(notACursor), 2))
                    .as("cursor %s", notACursor)
                    .isInstanceOfSatisfying(InvalidValue.class, invalid -> {
                        assertThat(invalid.field()).isEqualTo("cursor");
                        assertThat(invalid.rule()).isEqualTo("is not a cursor of this trail");
                    });
        }
    }

    @Test
    void given_many_entries_then_the_export_streams_every_matching_one_newest_first_as_the_pages_do() {
        for (int serial = 0; serial < 120; serial++) {
            int owner = serial;
            life(newId(), serial % 3 == 0 ? GLOBEX : ACME, serial, 9, n -> T0.plusSeconds(n * 200L + owner % 7))
                    .forEach(trail::apply);
        }

        List<AuditEntry> exported = exported(ACME, AuditQuery.everything());

        assertThat(exported).hasSize(800).isEqualTo(pagedAll(ACME, AuditQuery.everything(), 97));
        assertThat(exported)
                .isSortedAccordingTo(Comparator.comparing(AuditEntry::at)
                        .thenComparing(AuditEntry::eventId)
                        .reversed());
        AuditQuery deactivations = new AuditQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuditEntryType.DEACTIVATED),
                Optional.empty(),
                Optional.empty());
        assertThat(exported(ACME, deactivations))
                .isEqualTo(exported.stream()
                        .filter(entry -> entry.type() == AuditEntryType.DEACTIVATED)
                        .toList());
    }

    @Test
    void given_indexes_ensured_twice_then_the_trail_is_indexed_for_its_queries_once() {
        trail.ensureIndexes();

        List<Document> keys = indexKeys(mongo, MongoAuditTrail.ENTRIES);
        assertThat(keys).contains(new Document("company", 1).append("at", -1).append("_id", -1));
        assertThat(keys)
                .anyMatch(key ->
                        key.keySet().stream().limit(3).toList().equals(List.of("company", "integrationId", "at")));
        assertThat(keys)
                .anyMatch(key -> key.keySet().stream().limit(3).toList().equals(List.of("company", "actor", "at")));
        assertThat(keys)
                .anyMatch(key -> key.keySet().stream().limit(3).toList().equals(List.of("company", "type", "at")));
        assertThat(keys).doesNotHaveDuplicates();
    }

    private List<AuditEntry> exported(CompanyId company, AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>();
        trail.export(company, query, entries::add);
        return entries;
    }

    private List<AuditEntry> pagedAll(CompanyId company, AuditQuery query, int size) {
        List<AuditEntry> entries = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AuditPage page = trail.page(company, query, cursor, size);
            assertThat(page.items().size()).isLessThanOrEqualTo(size);
            entries.addAll(page.items());
            cursor = page.next();
        } while (cursor.isPresent());
        return entries;
    }

    private static List<AuditEntry> pure(List<RecordedEvent> events) {
        List<AuditEntry> entries = new ArrayList<>();
        AuditSubject subject = null;
        for (RecordedEvent event : events) {
            AuditEntries.Step step = AuditEntries.next(subject, event);
            subject = step.after();
            AuditEntry entry = step.entry();
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
        return entries;
    }

    private static List<AuditEntry> newestFirst(List<AuditEntry> entries) {
        List<AuditEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(AuditEntry::at)
                .thenComparing(AuditEntry::eventId)
                .reversed());
        return sorted;
    }
}
