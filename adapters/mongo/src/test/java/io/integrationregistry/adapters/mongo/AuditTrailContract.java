package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.in.FieldChange;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the service needs of its audit trail store. The same contract runs against every server. */
abstract class AuditTrailContract extends AuditTrailFixture {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final SealedSecret KEY = new SealedSecret("key-77", "c2VhbGVkLWtleS1vbmU=", null);
    private static final SealedSecret ROTATED = new SealedSecret("key-77", "c2VhbGVkLWtleS10d28=", null);

    @Test
    void each_event_becomes_one_entry_with_who_when_and_what_changed() {
        IntegrationId id = newId();
        List<RecordedEvent> life = life(id, ACME, 0);
        life.forEach(trail::apply);

        List<AuditEntry> entries = all(ACME, AuditQuery.everything());

        assertThat(entries)
                .extracting(AuditEntry::type)
                .containsExactly(AuditEntryType.DEACTIVATED, AuditEntryType.EDITED, AuditEntryType.ADDED);
        AuditEntry edit = entries.get(1);
        assertThat(edit.actor()).isEqualTo("bob");
        assertThat(edit.requestId()).isEqualTo("req-1");
        assertThat(edit.source()).isEqualTo("ui");
        assertThat(edit.version()).isEqualTo(1);
        assertThat(edit.integrationName()).isEqualTo("Docs v2");
        assertThat(edit.changes())
                .extracting(change -> change.field())
                .containsExactly("name", "authentication.apiKey");
    }

    @Test
    void aChangeOfTheScopesIsOneFieldChangeComparedWithTheStoredVersionBefore() {
        IntegrationId id = newId();
        Authentication.OAuth2 none = AuditLives.oauth2(id, "client-1", KEY);
        Authentication.OAuth2 some = new Authentication.OAuth2(
                none.authenticationUrl(),
                none.tokenEndpointUrl(),
                none.clientId(),
                KEY,
                none.redirectUri(),
                Scopes.of("openid", "files.read"));
        String base = "https://docs.example/api/v1";
        trail.apply(AuditLives.recorded(0, "alice", AuditLives.added(id, ACME, T0, "Docs", none, true)));
        trail.apply(AuditLives.recorded(
                1, "bob", AuditLives.edited(id, ACME, T0.plusSeconds(1), "Docs", base, "access_type=offline", some)));
        trail.apply(AuditLives.recorded(
                2, "bob", AuditLives.edited(id, ACME, T0.plusSeconds(2), "Docs", base, "access_type=offline", some)));

        List<AuditEntry> entries = all(ACME, AuditQuery.everything());

        assertThat(entries.get(1).changes())
                .containsExactly(FieldChange.of("authentication.scopes", null, "openid files.read"));
        assertThat(entries.get(0).changes()).isEmpty();
    }

    @Test
    void aSkippedEventIsNoticedBecauseTheTrailTellsTheVersionItApplied() {
        IntegrationId id = newId();
        List<RecordedEvent> life = life(id, ACME, 0);
        assertThat(trail.appliedVersion(id)).isEmpty();

        trail.apply(life.get(0));

        assertThat(trail.appliedVersion(id)).hasValue(0);
        trail.apply(life.get(1));
        assertThat(trail.appliedVersion(id)).hasValue(1);
    }

    @Test
    void applying_events_again_or_late_changes_nothing() {
        IntegrationId id = newId();
        List<RecordedEvent> life = life(id, ACME, 0);
        life.forEach(trail::apply);
        List<Document> once = raw();

        life.forEach(trail::apply);
        trail.apply(life.get(0));

        assertThat(raw()).isEqualTo(once);
    }

    @Test
    void filters_and_company_isolation() {
        IntegrationId first = newId();
        IntegrationId second = newId();
        life(first, ACME, 0).forEach(trail::apply);
        life(second, ACME, 100).forEach(trail::apply);
        life(newId(), GLOBEX, 200).forEach(trail::apply);

        assertThat(all(ACME, query(Optional.of(first.value()), Optional.empty(), Optional.empty())))
                .hasSize(3)
                .allMatch(entry -> entry.integrationId().equals(first.value()));
        assertThat(all(ACME, query(Optional.empty(), Optional.of("bob"), Optional.empty())))
                .hasSize(2);
        assertThat(all(ACME, query(Optional.empty(), Optional.empty(), Optional.of(AuditEntryType.ADDED))))
                .hasSize(2);
        assertThat(all(
                        ACME,
                        new AuditQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(T0.plusSeconds(100)),
                                Optional.of(T0.plusSeconds(102)))))
                .hasSize(2);
        assertThat(all(GLOBEX, AuditQuery.everything()))
                .hasSize(3)
                .allMatch(entry -> entry.company().equals("globex"));
    }

    @Test
    void pages_follow_each_other_newest_first_and_later_entries_do_not_disturb_them() {
        IntegrationId id = newId();
        life(id, ACME, 0).forEach(trail::apply);
        life(newId(), ACME, 10).forEach(trail::apply);

        AuditPage first = trail.page(ACME, AuditQuery.everything(), Optional.empty(), 4);
        life(newId(), ACME, 1000).forEach(trail::apply);
        AuditPage second = trail.page(ACME, AuditQuery.everything(), first.next(), 4);

        assertThat(first.items()).hasSize(4);
        assertThat(second.items()).hasSize(2);
        assertThat(second.next()).isEmpty();
        List<AuditEntry> both = new ArrayList<>(first.items());
        both.addAll(second.items());
        assertThat(both).extracting(AuditEntry::at).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(both).extracting(AuditEntry::eventId).doesNotHaveDuplicates();
        assertThatThrownBy(() -> trail.page(ACME, AuditQuery.everything(), Optional.of("!!"), 4))
                .isInstanceOfSatisfying(
                        InvalidValue.class,
                        invalid -> assertThat(invalid.field()).isEqualTo("cursor"));
    }

    @Test
    void the_stored_trail_holds_no_ciphertext_and_no_key_id() {
        life(newId(), ACME, 0).forEach(trail::apply);

        for (String collection : List.of(MongoAuditTrail.ENTRIES, MongoAuditTrail.SUBJECTS)) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson())
                        .doesNotContain(KEY.ciphertext())
                        .doesNotContain(ROTATED.ciphertext())
                        .doesNotContain(KEY.keyId());
            }
        }
    }

    @Test
    void aRebuildNeverMakesTheTrailDisappear() {
        List<RecordedEvent> events = life(newId(), ACME, 0);
        events.forEach(trail::apply);
        List<AuditEntry> served = all(ACME, AuditQuery.everything());

        trail.requestRebuild();
        assertThat(all(ACME, AuditQuery.everything())).isEqualTo(served);
        trail.replayStarted("every event");
        events.subList(0, 2).forEach(trail::applyToRebuild);
        assertThat(all(ACME, AuditQuery.everything())).isEqualTo(served);
        events.subList(2, events.size()).forEach(trail::applyToRebuild);
        assertThat(trail.caughtUp(0, 1)).isTrue();

        assertThat(all(ACME, AuditQuery.everything())).isEqualTo(served);
        assertThat(trail.rebuilding()).isFalse();
        assertThat(mongo.collectionExists(MongoAuditTrail.REBUILD_ENTRIES)).isFalse();
    }

    @Test
    void aBatchWrittenTogetherLeavesTheTrailThatEachEventAppliedInTurnLeaves() {
        IntegrationId one = newId();
        IntegrationId two = newId();
        List<RecordedEvent> interleaved = interleaved(life(one, ACME, 0), life(two, GLOBEX, 10));
        interleaved.forEach(trail::apply);
        List<Document> inTurn = raw();
        emptyCollections();

        trail.applyAll(interleaved);

        assertThat(raw()).isEqualTo(inTurn);
        assertThat(trail.appliedVersions(List.of(one, two, newId()))).isEqualTo(java.util.Map.of(one, 2L, two, 2L));
    }

    @Test
    void aBatchHalfWrittenThenDeliveredAgainOrTwiceLeavesTheSameTrail() {
        List<RecordedEvent> interleaved = interleaved(life(newId(), ACME, 0), life(newId(), ACME, 10));
        trail.applyAll(interleaved);
        List<Document> once = raw();
        emptyCollections();

        // a crash after the entries of the first half were written, before the subjects advanced
        trail.applyAll(interleaved.subList(0, 3));
        mongo.getCollection(MongoAuditTrail.SUBJECTS).deleteMany(new Document());
        trail.applyAll(interleaved);
        trail.applyAll(interleaved);
        trail.applyAll(interleaved.subList(1, 4));

        assertThat(raw()).isEqualTo(once);
    }

    @Test
    void aRebuildFedInBatchesServesTheTrailOfTheEvents() {
        List<RecordedEvent> events = interleaved(life(newId(), ACME, 0), life(newId(), ACME, 10));
        events.forEach(trail::apply);
        List<Document> served = raw();
        trail.requestRebuild();
        trail.replayStarted("every event");

        trail.applyAllToRebuild(events.subList(0, 4));
        trail.applyAllToRebuild(events.subList(2, events.size()));

        assertThat(trail.caughtUp(0, 1)).isTrue();
        assertThat(raw()).isEqualTo(served);
    }

    /** The events of two lives, alternating, each life's in sequence. */
    private static List<RecordedEvent> interleaved(List<RecordedEvent> one, List<RecordedEvent> two) {
        List<RecordedEvent> events = new ArrayList<>();
        for (int i = 0; i < Math.max(one.size(), two.size()); i++) {
            if (i < one.size()) {
                events.add(one.get(i));
            }
            if (i < two.size()) {
                events.add(two.get(i));
            }
        }
        return events;
    }

    @Test
    void theActorFilterMatchesPartOfTheNameInAnyCaseAndTakesWhatIsTypedLiterally() {
        life(newId(), ACME, 0).forEach(trail::apply);
        life(newId(), GLOBEX, 100).forEach(trail::apply);

        assertThat(all(ACME, AuditQuery.everything().withActor("LI")))
                .hasSize(2)
                .allMatch(entry -> entry.actor().equals("alice"));
        assertThat(all(ACME, AuditQuery.everything().withActor("o")))
                .extracting(AuditEntry::actor)
                .containsExactly("bob");
        assertThat(all(ACME, AuditQuery.everything().withActor(".*"))).isEmpty();
        assertThat(all(ACME, AuditQuery.everything().withActor("al|bob"))).isEmpty();
    }

    @Test
    void theTrailIsFilteredBySourceAndByRequestIdExactly() {
        IntegrationId first = newId();
        life(first, ACME, 0).forEach(trail::apply);
        life(newId(), GLOBEX, 100).forEach(trail::apply);

        assertThat(all(ACME, AuditQuery.everything().withSource("ui")))
                .extracting(AuditEntry::type)
                .containsExactly(AuditEntryType.EDITED);
        assertThat(all(ACME, AuditQuery.everything().withSource("api")))
                .extracting(AuditEntry::type)
                .containsExactly(AuditEntryType.DEACTIVATED, AuditEntryType.ADDED);
        assertThat(all(ACME, AuditQuery.everything().withSource("system"))).isEmpty();
        assertThat(all(ACME, AuditQuery.everything().withRequestId("req-2")))
                .extracting(AuditEntry::type, AuditEntry::integrationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEntryType.DEACTIVATED, first.value()));
        assertThat(all(ACME, AuditQuery.everything().withRequestId("req-"))).isEmpty();
    }

    @Test
    void oldestFirstIsTheReverseOrderAndItsPagesFollowOneAnother() {
        life(newId(), ACME, 0).forEach(trail::apply);
        life(newId(), ACME, 1).forEach(trail::apply);
        AuditQuery oldestFirst = AuditQuery.everything().withOrder(AuditQuery.Order.OLDEST_FIRST);
        List<String> newest = all(ACME, AuditQuery.everything()).stream()
                .map(AuditEntry::eventId)
                .toList();

        List<String> paged = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            AuditPage page = trail.page(ACME, oldestFirst, cursor, 4);
            page.items().forEach(entry -> paged.add(entry.eventId()));
            cursor = page.next();
        } while (cursor.isPresent());

        assertThat(newest).hasSize(6);
        List<String> reversed = new ArrayList<>(newest);
        java.util.Collections.reverse(reversed);
        assertThat(paged).isEqualTo(reversed);
        assertThat(all(ACME, oldestFirst).stream().map(AuditEntry::eventId).toList())
                .isEqualTo(paged);
    }

    private List<AuditEntry> all(CompanyId company, AuditQuery query) {
        List<AuditEntry> entries = new ArrayList<>();
        trail.export(company, query, entries::add);
        return entries;
    }

    private List<Document> raw() {
        List<Document> documents = new ArrayList<>();
        for (String collection : List.of(MongoAuditTrail.ENTRIES, MongoAuditTrail.SUBJECTS)) {
            mongo.getCollection(collection).find().sort(new Document("_id", 1)).forEach(documents::add);
        }
        return documents;
    }

    private static AuditQuery query(
            Optional<String> integrationId, Optional<String> actor, Optional<AuditEntryType> type) {
        return new AuditQuery(integrationId, actor, type, Optional.empty(), Optional.empty());
    }

    private static IntegrationId newId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    /** Added by alice, edited by bob (name and key), deactivated by alice; one second apart from {@code start}. */
    private static List<RecordedEvent> life(IntegrationId id, CompanyId company, int start) {
        Instant at = T0.plusSeconds(start);
        return List.of(
                new RecordedEvent(
                        UUID.randomUUID().toString(),
                        0,
                        "alice",
                        "req-0",
                        "api",
                        new IntegrationEvent.IntegrationAdded(
                                id,
                                company,
                                at,
                                new IntegrationName("Docs"),
                                new BaseApiUrl("https://docs.example/api"),
                                RequestParameters.NONE,
                                new Authentication.ApiKey(KEY),
                                true)),
                new RecordedEvent(
                        UUID.randomUUID().toString(),
                        1,
                        "bob",
                        "req-1",
                        "ui",
                        new IntegrationEvent.IntegrationEdited(
                                id,
                                company,
                                at.plusSeconds(1),
                                new IntegrationName("Docs v2"),
                                new BaseApiUrl("https://docs.example/api"),
                                RequestParameters.NONE,
                                new Authentication.ApiKey(ROTATED))),
                new RecordedEvent(
                        UUID.randomUUID().toString(),
                        2,
                        "alice",
                        "req-2",
                        "api",
                        new IntegrationEvent.IntegrationDeactivated(id, company, at.plusSeconds(2))));
    }
}
