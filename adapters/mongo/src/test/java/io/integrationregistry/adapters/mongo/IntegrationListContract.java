package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery.Direction;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery.SortKey;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationActivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationDeactivated;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.keys;
import static io.integrationregistry.adapters.mongo.Fixtures.millis;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service needs of its integration list read model. The same contract runs against every
 * server the service supports.
 */
abstract class IntegrationListContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    /** Nanoseconds on purpose: the store keeps milliseconds. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    private static final SealedSecret CLIENT_SECRET = new SealedSecret("key-77", "U0VBTEVELWNsaWVudA==", "wxyz");
    private static final SealedSecret API_KEY = new SealedSecret("key-78", "U0VBTEVELWFwaWtleQ==", null);
    private static final SealedSecret LONG_API_KEY = new SealedSecret("key-79", "U0VBTEVELWxvbmc=", "9876");

    private MongoTemplate mongo;
    private MongoIntegrationList list;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        mongo = template();
        mongo.dropCollection(MongoIntegrationList.COLLECTION);
        mongo.dropCollection(MongoIntegrationList.REBUILD);
        mongo.dropCollection(RebuildState.COLLECTION);
        list = new MongoIntegrationList(mongo);
        list.ensureIndexes();
    }

    @Test
    void given_an_added_oauth2_integration_then_it_is_listed_with_its_fields_and_only_whether_its_secret_is_set() {
        IntegrationId id = newId();

        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        IntegrationView view = list.find(ACME, id).orElseThrow();
        assertThat(view.id()).isEqualTo(id.value());
        assertThat(view.companyId()).isEqualTo("acme");
        assertThat(view.name()).isEqualTo("Docs");
        assertThat(view.baseApiUrl()).isEqualTo("https://docs.example/api/v1");
        assertThat(view.requestParameters()).isEqualTo("access_type=offline");
        assertThat(view.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(view.version()).isZero();
        assertThat(view.createdAt()).isEqualTo(millis(T0));
        assertThat(view.updatedAt()).isEqualTo(millis(T0));
        assertThat(view.lastChangedBy()).isEqualTo("alice");
        assertThat(view.authentication().type()).isEqualTo(AuthenticationType.OAUTH2);
        assertThat(view.authentication().authenticationUrl()).isEqualTo("https://auth.example/authorize");
        assertThat(view.authentication().tokenEndpointUrl()).isEqualTo("https://auth.example/token");
        assertThat(view.authentication().clientId()).isEqualTo("client-1");
        assertThat(view.authentication().redirectUri()).isEqualTo(redirect(id).value());
        assertThat(view.authentication().clientSecret()).isEqualTo(new SecretView(true, "wxyz"));
        assertThat(view.authentication().scopes()).isEmpty();
        assertThat(view.authentication().apiKey()).isNull();
    }

    @Test
    void theScopesOfAnOAuth2IntegrationAreListedInOrderAndAnEntryStoredWithoutThemHasNone() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        list.apply(recorded(
                1,
                "bob",
                new IntegrationEdited(
                        id,
                        ACME,
                        T0.plusSeconds(1),
                        new IntegrationName("Docs"),
                        new BaseApiUrl("https://docs.example/api/v1"),
                        RequestParameters.NONE,
                        new Authentication.OAuth2(
                                new WebUrl("https://auth.example/authorize"),
                                new WebUrl("https://auth.example/token"),
                                new ClientId("client-1"),
                                CLIENT_SECRET,
                                redirect(id),
                                Scopes.of("openid", "files.read")))));

        assertThat(list.find(ACME, id).orElseThrow().authentication().scopes()).containsExactly("openid", "files.read");

        mongo.getCollection(MongoIntegrationList.COLLECTION)
                .updateOne(new Document(), new Document("$unset", new Document("authentication.scopes", "")));
        assertThat(list.find(ACME, id).orElseThrow().authentication().scopes()).isEmpty();
    }

    @Test
    void given_an_added_inactive_api_key_integration_then_it_is_listed_inactive_with_only_its_key_hint() {
        IntegrationId id = newId();

        list.apply(recorded(
                0,
                null,
                new IntegrationAdded(
                        id,
                        ACME,
                        T0,
                        new IntegrationName("Maps"),
                        new BaseApiUrl("https://maps.example"),
                        RequestParameters.NONE,
                        new Authentication.ApiKey(LONG_API_KEY),
                        false)));

        IntegrationView view = list.find(ACME, id).orElseThrow();
        assertThat(view.status()).isEqualTo(IntegrationStatus.INACTIVE);
        assertThat(view.requestParameters()).isEmpty();
        assertThat(view.lastChangedBy()).isNull();
        assertThat(view.authentication().type()).isEqualTo(AuthenticationType.API_KEY);
        assertThat(view.authentication().apiKey()).isEqualTo(new SecretView(true, "9876"));
        assertThat(view.authentication().clientSecret()).isNull();
        assertThat(view.authentication().clientId()).isNull();
        assertThat(view.authentication().authenticationUrl()).isNull();
        assertThat(view.authentication().scopes()).isNull();
    }

    @Test
    void given_an_edit_then_the_entry_takes_the_new_fields_version_time_and_editor_but_keeps_its_creation() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        list.apply(recorded(1, "bob", editedToApiKey(id, ACME, "Docs v2", 1)));

        IntegrationView edited = list.find(ACME, id).orElseThrow();
        assertThat(edited.name()).isEqualTo("Docs v2");
        assertThat(edited.baseApiUrl()).isEqualTo("https://docs.example/api/v2");
        assertThat(edited.requestParameters()).isEmpty();
        assertThat(edited.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(edited.version()).isEqualTo(1);
        assertThat(edited.createdAt()).isEqualTo(millis(T0));
        assertThat(edited.updatedAt()).isEqualTo(millis(T0.plusSeconds(1)));
        assertThat(edited.lastChangedBy()).isEqualTo("bob");
        assertThat(edited.authentication().type()).isEqualTo(AuthenticationType.API_KEY);
        assertThat(edited.authentication().apiKey()).isEqualTo(new SecretView(true, null));
        assertThat(edited.authentication().clientId()).isNull();
        assertThat(edited.authentication().clientSecret()).isNull();
        assertThat(rawEntry(id).getString("nameKey")).isEqualTo("docs v2");
    }

    @Test
    void given_a_deactivation_and_an_activation_then_the_entry_follows_each_with_its_version_time_and_actor() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        list.apply(recorded(1, "bob", new IntegrationDeactivated(id, ACME, T0.plusSeconds(2))));
        IntegrationView deactivated = list.find(ACME, id).orElseThrow();
        assertThat(deactivated.status()).isEqualTo(IntegrationStatus.INACTIVE);
        assertThat(deactivated.version()).isEqualTo(1);
        assertThat(deactivated.updatedAt()).isEqualTo(millis(T0.plusSeconds(2)));
        assertThat(deactivated.lastChangedBy()).isEqualTo("bob");
        assertThat(deactivated.name()).isEqualTo("Docs");

        list.apply(recorded(2, null, new IntegrationActivated(id, ACME, T0.plusSeconds(3))));
        IntegrationView activated = list.find(ACME, id).orElseThrow();
        assertThat(activated.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(activated.version()).isEqualTo(2);
        assertThat(activated.updatedAt()).isEqualTo(millis(T0.plusSeconds(3)));
        assertThat(activated.lastChangedBy()).isNull();
        assertThat(activated.createdAt()).isEqualTo(millis(T0));
    }

    @Test
    void aReceiptThatTimedOutCatchesTheListUpWithTheIntegrationsEvents() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        assertThat(list.appliedVersion(id)).hasValue(0);
        assertThat(list.appliedVersion(newId())).isEmpty();

        list.catchUp(
                id,
                List.of(
                        new RecordedEvent("e0", 0, T0, "alice", null, null, added(id, ACME, "Docs", true)),
                        new RecordedEvent(
                                "e1",
                                1,
                                T0,
                                "bob",
                                null,
                                null,
                                new IntegrationDeactivated(id, ACME, T0.plusSeconds(2)))));

        IntegrationView caughtUp = list.find(ACME, id).orElseThrow();
        assertThat(caughtUp.version()).isEqualTo(1);
        assertThat(caughtUp.status()).isEqualTo(IntegrationStatus.INACTIVE);
        assertThat(caughtUp.lastChangedBy()).isEqualTo("bob");
        assertThat(list.appliedVersion(id)).hasValue(1);
    }

    @Test
    void given_stored_entries_then_no_ciphertext_key_id_or_plaintext_is_in_the_read_model() {
        IntegrationId oauth2 = newId();
        IntegrationId apiKey = newId();
        list.apply(recorded(0, "alice", added(oauth2, ACME, "Docs", true)));
        list.apply(recorded(0, "alice", added(apiKey, ACME, "Maps", true)));
        list.apply(recorded(1, "alice", editedToApiKey(apiKey, ACME, "Maps", 1)));

        for (IntegrationId id : List.of(oauth2, apiKey)) {
            Document raw = rawEntry(id);
            assertThat(allKeys(raw)).doesNotContain("ciphertext", "keyId", "plaintext", "_class");
            assertThat(raw.toJson())
                    .doesNotContain(
                            CLIENT_SECRET.ciphertext(), API_KEY.ciphertext(), CLIENT_SECRET.keyId(), API_KEY.keyId());
        }
        assertThat(rawEntry(oauth2).get("authentication", Document.class).get("clientSecret", Document.class))
                .isEqualTo(new Document("set", true).append("last4", "wxyz"));
    }

    @Test
    void given_an_event_applied_twice_then_the_entry_is_as_after_applying_it_once() {
        IntegrationId id = newId();
        RecordedEvent addition = recorded(0, "alice", added(id, ACME, "Docs", true));
        RecordedEvent edit = recorded(1, "bob", editedToApiKey(id, ACME, "Docs v2", 1));
        RecordedEvent deactivation = recorded(2, "carol", new IntegrationDeactivated(id, ACME, T0.plusSeconds(2)));

        for (RecordedEvent event : List.of(addition, edit, deactivation)) {
            list.apply(event);
            Document once = rawEntry(id);
            list.apply(event);
            assertThat(rawEntry(id)).isEqualTo(once);
        }
    }

    @Test
    void given_older_events_after_newer_ones_then_nothing_changes() {
        IntegrationId id = newId();
        RecordedEvent edit = recorded(1, "bob", editedToApiKey(id, ACME, "Docs v2", 1));
        RecordedEvent deactivation = recorded(2, "carol", new IntegrationDeactivated(id, ACME, T0.plusSeconds(2)));
        RecordedEvent activation = recorded(3, "dave", new IntegrationActivated(id, ACME, T0.plusSeconds(3)));
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        List.of(edit, deactivation, activation).forEach(list::apply);
        Document latest = rawEntry(id);

        list.apply(deactivation);
        list.apply(edit);

        assertThat(rawEntry(id)).isEqualTo(latest);
        assertThat(list.find(ACME, id).orElseThrow().status()).isEqualTo(IntegrationStatus.ACTIVE);
    }

    @Test
    void given_an_edited_integration_when_its_addition_is_replayed_then_the_edited_state_stays() {
        IntegrationId id = newId();
        RecordedEvent addition = recorded(0, "alice", added(id, ACME, "Docs", true));
        list.apply(addition);
        list.apply(recorded(1, "bob", editedToApiKey(id, ACME, "Docs v2", 1)));
        Document edited = rawEntry(id);

        list.apply(addition);

        assertThat(rawEntry(id)).isEqualTo(edited);
        assertThat(list.find(ACME, id).orElseThrow().name()).isEqualTo("Docs v2");
    }

    @Test
    void given_a_change_of_an_unknown_integration_then_no_entry_appears() {
        IntegrationId id = newId();

        list.apply(recorded(1, "bob", new IntegrationDeactivated(id, ACME, T0)));

        assertThat(list.find(ACME, id)).isEmpty();
        assertThat(mongo.getCollection(MongoIntegrationList.COLLECTION).countDocuments())
                .isZero();
    }

    @Test
    void given_integrations_of_a_company_then_pages_are_sorted_by_name_case_insensitively_and_counted() {
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            list.apply(recorded(0, "alice", added(newId(), ACME, name, true)));
        }

        IntegrationPage first = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 0, 2));
        IntegrationPage second = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 1, 2));
        IntegrationPage third = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 2, 2));
        IntegrationPage beyond = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 3, 2));

        assertThat(names(first)).containsExactly("Alpha", "Bravo");
        assertThat(names(second)).containsExactly("charlie", "delta");
        assertThat(names(third)).containsExactly("echo");
        assertThat(names(beyond)).isEmpty();
        assertThat(List.of(first.total(), third.total(), beyond.total())).containsOnly(5L);
        assertThat(third.page()).isEqualTo(2);
        assertThat(third.size()).isEqualTo(2);
    }

    @Test
    void given_a_status_filter_then_only_integrations_of_that_status_are_listed_and_counted() {
        list.apply(recorded(0, "alice", added(newId(), ACME, "On", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "Off", false)));
        IntegrationId switchedOff = newId();
        list.apply(recorded(0, "alice", added(switchedOff, ACME, "Later off", true)));
        list.apply(recorded(1, "alice", new IntegrationDeactivated(switchedOff, ACME, T0.plusSeconds(1))));

        IntegrationPage inactive = list.page(ACME, byStatus(IntegrationStatus.INACTIVE));
        IntegrationPage active = list.page(ACME, byStatus(IntegrationStatus.ACTIVE));

        assertThat(names(inactive)).containsExactly("Later off", "Off");
        assertThat(inactive.total()).isEqualTo(2);
        assertThat(names(active)).containsExactly("On");
        assertThat(active.total()).isEqualTo(1);
    }

    @Test
    void given_a_name_part_then_matching_is_case_insensitive_and_takes_regex_characters_literally() {
        list.apply(recorded(0, "alice", added(newId(), ACME, "Drive (EU)", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "a.b storage", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "axb Storage", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "Cost $ [*]", true)));

        assertThat(names(list.page(ACME, byName("drive (")))).containsExactly("Drive (EU)");
        assertThat(names(list.page(ACME, byName("(")))).containsExactly("Drive (EU)");
        assertThat(names(list.page(ACME, byName("A.B")))).containsExactly("a.b storage");
        assertThat(names(list.page(ACME, byName("$ [*]")))).containsExactly("Cost $ [*]");
        assertThat(names(list.page(ACME, byName(".*")))).isEmpty();
        assertThat(names(list.page(ACME, byName("STORAGE")))).containsExactly("a.b storage", "axb Storage");
        assertThat(list.page(ACME, byName("storage")).total()).isEqualTo(2);
    }

    @Test
    void given_a_status_and_a_name_part_then_both_filters_apply() {
        list.apply(recorded(0, "alice", added(newId(), ACME, "Docs EU", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "Docs US", false)));
        list.apply(recorded(0, "alice", addedAt(newId(), ACME, "Maps", false, "https://maps.example/api")));

        IntegrationPage page = list.page(
                ACME, new IntegrationQuery(Optional.of(IntegrationStatus.INACTIVE), Optional.of("docs"), 0, 10));

        assertThat(names(page)).containsExactly("Docs US");
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void given_two_companies_then_each_sees_only_its_own_integrations() {
        IntegrationId acmes = newId();
        IntegrationId globexs = newId();
        list.apply(recorded(0, "alice", added(acmes, ACME, "Docs", true)));
        list.apply(recorded(0, "gina", added(globexs, GLOBEX, "Docs", true)));

        assertThat(list.find(GLOBEX, acmes)).isEmpty();
        assertThat(list.find(ACME, globexs)).isEmpty();
        assertThat(list.find(ACME, acmes)).isPresent();
        IntegrationPage globexPage = list.page(GLOBEX, IntegrationQuery.firstPage(10));
        assertThat(globexPage.items()).extracting(IntegrationView::id).containsExactly(globexs.value());
        assertThat(globexPage.total()).isEqualTo(1);
        assertThat(list.page(new CompanyId("initech"), IntegrationQuery.firstPage(10))
                        .total())
                .isZero();
    }

    @Test
    void aRebuildNeverMakesAnIntegrationDisappear() {
        IntegrationId acmes = newId();
        IntegrationId globexs = newId();
        List<RecordedEvent> acmeLife = List.of(
                recorded(0, "alice", added(acmes, ACME, "Docs", true)),
                recorded(1, "bob", new IntegrationDeactivated(acmes, ACME, T0.plusSeconds(1))));
        RecordedEvent globexAdded = recorded(0, "gina", added(globexs, GLOBEX, "Maps", true));
        acmeLife.forEach(list::apply);
        list.apply(globexAdded);
        IntegrationPage globexBefore = list.page(GLOBEX, IntegrationQuery.firstPage(10));

        assertThat(list.requestRebuild()).isTrue();
        // The rebuild feed delivers the history again while the service keeps serving.
        assertThat(list.rebuilding()).isTrue();
        assertThat(list.page(GLOBEX, IntegrationQuery.firstPage(10))).isEqualTo(globexBefore);
        assertThat(list.find(GLOBEX, globexs)).isPresent();
        list.replayStarted("every event");
        list.applyToRebuild(acmeLife.get(0));
        assertThat(list.caughtUp(0, 2)).as("one of two segments caught up").isFalse();
        assertThat(list.page(ACME, IntegrationQuery.firstPage(10)).items())
                .extracting(IntegrationView::version)
                .containsExactly(1L);
        // A new event during the rebuild reaches the served list at once; the rebuild feed has not reached it yet.
        list.apply(recorded(1, "gina", new IntegrationDeactivated(globexs, GLOBEX, T0.plusSeconds(2))));
        assertThat(list.awaitVersion(globexs, 1, Duration.ZERO)).isTrue();
        list.applyToRebuild(acmeLife.get(1));
        list.applyToRebuild(globexAdded);
        assertThat(list.page(GLOBEX, IntegrationQuery.firstPage(10)).total()).isEqualTo(1);

        assertThat(list.caughtUp(1, 2)).as("both segments caught up").isTrue();

        assertThat(list.rebuilding()).isFalse();
        assertThat(list.find(ACME, acmes).orElseThrow().status()).isEqualTo(IntegrationStatus.INACTIVE);
        IntegrationView globex = list.find(GLOBEX, globexs).orElseThrow();
        assertThat(globex.version()).isEqualTo(1);
        assertThat(globex.status()).isEqualTo(IntegrationStatus.INACTIVE);
        assertThat(mongo.getCollection(MongoIntegrationList.COLLECTION).countDocuments())
                .isEqualTo(2);
        assertThat(mongo.collectionExists(MongoIntegrationList.REBUILD)).isFalse();
        assertThat(indexKeys(mongo, MongoIntegrationList.COLLECTION))
                .contains(keys("companyId", "nameKey", "_id"), keys("companyId", "status", "nameKey", "_id"));
    }

    @Test
    void given_a_rebuild_when_it_finishes_then_an_entry_is_replaced_by_its_rebuilt_form() {
        IntegrationId id = newId();
        RecordedEvent addition = recorded(0, "alice", added(id, ACME, "Docs", true));
        list.apply(addition);
        // The served entry went wrong (say, written by an older version of the service).
        mongo.getCollection(MongoIntegrationList.COLLECTION)
                .updateOne(new Document("_id", id.value()), new Document("$set", new Document("name", "garbled")));

        list.requestRebuild();
        list.replayStarted("every event");
        list.applyToRebuild(addition);
        assertThat(list.find(ACME, id).orElseThrow().name()).isEqualTo("garbled");
        assertThat(list.caughtUp(0, 1)).isTrue();

        assertThat(list.find(ACME, id).orElseThrow().name()).isEqualTo("Docs");
    }

    @Test
    void given_a_reset_whose_replay_was_never_set_up_then_the_rebuild_never_finishes() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        list.requestRebuild();

        assertThat(list.caughtUp(0, 1)).isFalse();
        assertThat(list.find(ACME, id)).isPresent();
    }

    @Test
    void aRequestedRebuildIsSetUpByOneInstanceOnly() {
        RebuildState mine = new RebuildState(mongo, MongoIntegrationList.COLLECTION);
        RebuildState theOthers = new RebuildState(mongo, MongoIntegrationList.COLLECTION);
        assertThat(mine.maySetUp()).as("nothing requested").isFalse();
        assertThat(mine.requested()).isTrue();

        assertThat(mine.maySetUp()).isTrue();
        assertThat(theOthers.maySetUp()).as("while another instance sets it up").isFalse();
        mine.replaying("every event");
        assertThat(theOthers.maySetUp()).as("once it replays").isFalse();
        assertThat(theOthers.replayingUpTo()).contains("every event");
    }

    @Test
    void aReplayWithTwoInstancesStartsOneRebuildAndRefusesASecondUntilItFinished() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        MongoIntegrationList otherInstance = new MongoIntegrationList(mongo);

        assertThat(list.requestRebuild()).isTrue();
        assertThat(otherInstance.requestRebuild())
                .as("asked on another instance meanwhile")
                .isFalse();
        assertThat(otherInstance.preparing()).isTrue();
        list.replayStarted("every event");
        assertThat(otherInstance.preparing()).isFalse();
        assertThat(otherInstance.requestRebuild())
                .as("asked while the rebuild feed runs")
                .isFalse();
        otherInstance.applyToRebuild(recorded(0, "alice", added(id, ACME, "Docs", true)));
        assertThat(otherInstance.caughtUp(0, 1)).isTrue();

        assertThat(list.requestRebuild())
                .as("asked again once the first one finished")
                .isTrue();
    }

    @Test
    void given_indexes_ensured_twice_then_the_list_is_indexed_for_its_queries_once() {
        list.ensureIndexes();

        assertThat(indexKeys(mongo, MongoIntegrationList.COLLECTION))
                .containsExactlyInAnyOrder(
                        keys("_id"),
                        keys("companyId", "nameKey", "_id"),
                        keys("companyId", "status", "nameKey", "_id"),
                        keys("companyId", "updatedAt", "_id"));
    }

    @Test
    void everySortOfTheListHasAnIndexEndingOnItsTieBreakAndOlderIndexesMakeWayForThem() {
        mongo.dropCollection(MongoIntegrationList.COLLECTION);
        IndexOperations indexes = mongo.indexOps(MongoIntegrationList.COLLECTION);
        indexes.createIndex(new Index()
                .on("companyId", Sort.Direction.ASC)
                .on("nameKey", Sort.Direction.ASC)
                .named("company_name"));
        indexes.createIndex(new Index()
                .on("companyId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC)
                .on("nameKey", Sort.Direction.ASC)
                .named("company_status_name"));

        list.ensureIndexes();

        assertThat(indexKeys(mongo, MongoIntegrationList.COLLECTION))
                .containsExactlyInAnyOrder(
                        keys("_id"),
                        keys("companyId", "nameKey", "_id"),
                        keys("companyId", "status", "nameKey", "_id"),
                        keys("companyId", "updatedAt", "_id"));
    }

    @Test
    void given_the_version_already_listed_then_waiting_for_it_or_an_older_one_answers_at_once() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        list.apply(recorded(1, "bob", new IntegrationDeactivated(id, ACME, T0.plusSeconds(1))));

        assertThat(list.awaitVersion(id, 1, Duration.ZERO)).isTrue();
        assertThat(list.awaitVersion(id, 0, Duration.ZERO)).isTrue();
    }

    @Test
    void given_a_version_never_listed_then_waiting_for_it_gives_up_after_the_timeout() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        assertThat(list.awaitVersion(id, 1, Duration.ofMillis(60))).isFalse();
        assertThat(list.awaitVersion(newId(), 0, Duration.ofMillis(60))).isFalse();
    }

    @Test
    void given_a_waiter_when_this_instance_applies_the_event_then_the_waiter_sees_it() throws Exception {
        IntegrationId id = newId();
        CompletableFuture<Boolean> waiter =
                CompletableFuture.supplyAsync(() -> list.awaitVersion(id, 0, Duration.ofSeconds(20)));

        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void given_a_waiter_when_this_instance_applies_the_event_then_the_list_is_not_queried_for_it() throws Exception {
        IntegrationId id = newId();
        List<String> queryingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        MongoTemplate counting = new MongoTemplate(template().getMongoDatabaseFactory()) {
            @Override
            public <T> T findOne(Query query, Class<T> entityClass, String collectionName) {
                queryingThreads.add(Thread.currentThread().getName());
                return super.findOne(query, entityClass, collectionName);
            }
        };
        // A first wait longer than the test, so that the waiter is still in it when the event is applied.
        MongoIntegrationList waiting = new MongoIntegrationList(counting, Duration.ofSeconds(30));
        java.util.concurrent.CompletableFuture<Thread> waiterThread = new CompletableFuture<>();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            waiterThread.complete(Thread.currentThread());
            return waiting.awaitVersion(id, 0, Duration.ofSeconds(40));
        });
        Thread thread = waiterThread.get(20, TimeUnit.SECONDS);
        // The waiter blocks only once it watches the integration: from then on, an application wakes it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(waiter).isNotCompleted();

        waiting.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(queryingThreads).doesNotContain(thread.getName());
    }

    @Test
    void given_a_waiter_when_another_instance_applies_the_event_then_the_waiter_sees_it() throws Exception {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Docs", true)));
        MongoIntegrationList otherInstance = new MongoIntegrationList(template());
        CompletableFuture<Boolean> waiter =
                CompletableFuture.supplyAsync(() -> list.awaitVersion(id, 1, Duration.ofSeconds(20)));

        otherInstance.apply(recorded(1, "bob", new IntegrationDeactivated(id, ACME, T0.plusSeconds(1))));

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aBatchWrittenTogetherLeavesTheListThatEachEventAppliedInTurnLeaves() {
        IntegrationId one = newId();
        IntegrationId two = newId();
        List<RecordedEvent> batch = twoLives(one, two);
        batch.forEach(list::apply);
        Document firstInTurn = rawEntry(one);
        Document secondInTurn = rawEntry(two);
        mongo.dropCollection(MongoIntegrationList.COLLECTION);

        list.applyAll(batch);

        assertThat(rawEntry(one)).isEqualTo(firstInTurn);
        assertThat(rawEntry(two)).isEqualTo(secondInTurn);
        assertThat(list.appliedVersions(List.of(one, two, newId()))).isEqualTo(Map.of(one, 3L, two, 1L));
    }

    @Test
    void aBatchHalfWrittenThenDeliveredAgainOrTwiceLeavesTheSameList() {
        IntegrationId one = newId();
        IntegrationId two = newId();
        List<RecordedEvent> batch = twoLives(one, two);
        list.applyAll(batch);
        Document first = rawEntry(one);
        Document second = rawEntry(two);
        mongo.dropCollection(MongoIntegrationList.COLLECTION);

        list.applyAll(batch.subList(0, 3));
        list.applyAll(batch);
        list.applyAll(batch);
        list.applyAll(batch.subList(1, 4));
        list.applyAll(batch.subList(0, 1));

        assertThat(rawEntry(one)).isEqualTo(first);
        assertThat(rawEntry(two)).isEqualTo(second);
        assertThat(list.find(ACME, one).orElseThrow().status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(list.find(ACME, one).orElseThrow().name()).isEqualTo("Docs v2");
    }

    @Test
    void aBatchOfChangesOfAnUnknownIntegrationMakesNoEntryAppear() {
        IntegrationId id = newId();

        list.applyAll(List.of(
                recorded(1, "bob", new IntegrationDeactivated(id, ACME, T0.plusSeconds(1))),
                recorded(2, "bob", new IntegrationActivated(id, ACME, T0.plusSeconds(2)))));

        assertThat(list.find(ACME, id)).isEmpty();
    }

    /** One integration added, edited, deactivated and activated, another added and deactivated, interleaved. */
    private static List<RecordedEvent> twoLives(IntegrationId one, IntegrationId two) {
        return List.of(
                recorded(0, "alice", added(one, ACME, "Docs", true)),
                recorded(0, "alice", added(two, ACME, "Maps", true)),
                recorded(1, "bob", editedToApiKey(one, ACME, "Docs v2", 1)),
                recorded(1, "carol", new IntegrationDeactivated(two, ACME, T0.plusSeconds(1))),
                recorded(2, "carol", new IntegrationDeactivated(one, ACME, T0.plusSeconds(2))),
                recorded(3, "dave", new IntegrationActivated(one, ACME, T0.plusSeconds(3))));
    }

    private Document rawEntry(IntegrationId id) {
        return mongo.getCollection(MongoIntegrationList.COLLECTION)
                .find(new Document("_id", id.value()))
                .first();
    }

    private static List<String> allKeys(Document document) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            keys.add(entry.getKey());
            if (entry.getValue() instanceof Document nested) {
                keys.addAll(allKeys(nested));
            }
        }
        return keys;
    }

    @Test
    void theListIsSortedByStatusThenNameEitherWay() {
        list.apply(recorded(0, "alice", added(newId(), ACME, "Bravo", true)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "alpha", false)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "Charlie", false)));
        list.apply(recorded(0, "alice", added(newId(), ACME, "Delta", true)));

        assertThat(names(list.page(ACME, sorted(SortKey.STATUS, Direction.ASC, 0, 10))))
                .containsExactly("Bravo", "Delta", "alpha", "Charlie");
        assertThat(names(list.page(ACME, sorted(SortKey.STATUS, Direction.DESC, 0, 10))))
                .containsExactly("Charlie", "alpha", "Delta", "Bravo");
        assertThat(names(list.page(ACME, sorted(SortKey.NAME, Direction.DESC, 0, 10))))
                .containsExactly("Delta", "Charlie", "Bravo", "alpha");
    }

    @Test
    void theListIsSortedByLastChangeWithTiesInOneOrderAcrossPages() {
        IntegrationId changedLast = newId();
        List<IntegrationId> sameTime = new ArrayList<>();
        list.apply(recorded(0, "alice", added(changedLast, ACME, "Changed", true)));
        list.apply(recorded(1, "bob", new IntegrationDeactivated(changedLast, ACME, T0.plusSeconds(60))));
        for (String name : List.of("Echo", "Alpha", "Delta", "Bravo")) {
            IntegrationId id = newId();
            sameTime.add(id);
            list.apply(recorded(0, "alice", added(id, ACME, name, true)));
        }
        List<String> tiesById =
                sameTime.stream().map(IntegrationId::value).sorted().toList();

        List<String> ascending = new ArrayList<>();
        List<String> descending = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            list.page(ACME, sorted(SortKey.UPDATED_AT, Direction.ASC, page, 2))
                    .items()
                    .forEach(item -> ascending.add(item.id()));
            list.page(ACME, sorted(SortKey.UPDATED_AT, Direction.DESC, page, 2))
                    .items()
                    .forEach(item -> descending.add(item.id()));
        }

        List<String> expected = new ArrayList<>(tiesById);
        expected.add(changedLast.value());
        assertThat(ascending).containsExactlyElementsOf(expected);
        List<String> reversed = new ArrayList<>(expected);
        java.util.Collections.reverse(reversed);
        assertThat(descending).containsExactlyElementsOf(reversed);
    }

    @Test
    void theSearchMatchesAPartOfTheBaseApiUrlAsWellAsOfTheName() {
        list.apply(recorded(0, "alice", addedAt(newId(), ACME, "Drive", true, "https://files.drive.example/v3")));
        list.apply(recorded(0, "alice", addedAt(newId(), ACME, "Files archive", true, "https://archive.example/api")));
        list.apply(recorded(0, "alice", addedAt(newId(), ACME, "Maps", true, "https://maps.example/api")));

        assertThat(names(list.page(ACME, byName("FILES")))).containsExactly("Drive", "Files archive");
        assertThat(names(list.page(ACME, byName("drive.example/v")))).containsExactly("Drive");
        assertThat(list.page(ACME, byName("example/api")).total()).isEqualTo(2);
        assertThat(names(list.page(ACME, byName("maps.example.*")))).isEmpty();
    }

    private static IntegrationQuery sorted(SortKey sort, Direction direction, int page, int size) {
        return new IntegrationQuery(Optional.empty(), Optional.empty(), page, size, sort, direction);
    }

    private static IntegrationQuery byName(String part) {
        return new IntegrationQuery(Optional.empty(), Optional.of(part), 0, 10);
    }

    private static IntegrationQuery byStatus(IntegrationStatus status) {
        return new IntegrationQuery(Optional.of(status), Optional.empty(), 0, 10);
    }

    private static List<String> names(IntegrationPage page) {
        return page.items().stream().map(IntegrationView::name).toList();
    }

    private static RedirectUri redirect(IntegrationId id) {
        return new RedirectUri("https://registry.example/oauth2/callback/" + id.value());
    }

    private static RecordedEvent recorded(long sequence, String actor, IntegrationEvent event) {
        return new RecordedEvent(UUID.randomUUID().toString(), sequence, actor, event);
    }

    private static IntegrationAdded added(IntegrationId id, CompanyId company, String name, boolean active) {
        return addedAt(id, company, name, active, "https://docs.example/api/v1");
    }

    private static IntegrationAdded addedAt(
            IntegrationId id, CompanyId company, String name, boolean active, String baseApiUrl) {
        return new IntegrationAdded(
                id,
                company,
                T0,
                new IntegrationName(name),
                new BaseApiUrl(baseApiUrl),
                new RequestParameters("access_type=offline"),
                new Authentication.OAuth2(
                        new WebUrl("https://auth.example/authorize"),
                        new WebUrl("https://auth.example/token"),
                        new ClientId("client-1"),
                        CLIENT_SECRET,
                        redirect(id),
                        Scopes.NONE),
                active);
    }

    private static IntegrationEdited editedToApiKey(IntegrationId id, CompanyId company, String name, int second) {
        return new IntegrationEdited(
                id,
                company,
                T0.plusSeconds(second),
                new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api/v2"),
                RequestParameters.NONE,
                new Authentication.ApiKey(API_KEY));
    }

    @Test
    void nameUniquenessIsOnlyToLowerCaseRoot_storedNameKeysAreMigratedToTheFoldedKey() {
        IntegrationId id = newId();
        list.apply(recorded(0, "alice", added(id, ACME, "Stra\u00dfe", true)));
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id.value())),
                Update.update("nameKey", "stra\u00dfe"),
                MongoIntegrationList.COLLECTION);

        int rewritten = list.migrateNameKeys();
        int again = list.migrateNameKeys();

        assertThat(rewritten).isEqualTo(1);
        assertThat(again).isZero();
        assertThat(mongo.findById(id.value(), org.bson.Document.class, MongoIntegrationList.COLLECTION)
                        .getString("nameKey"))
                .isEqualTo("strasse");
        assertThat(list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.of("STRASSE"), 0, 10))
                        .items())
                .extracting(IntegrationView::id)
                .containsExactly(id.value());
    }

    @Test
    void a_search_holding_a_nul_character_finds_nothing_instead_of_failing() {
        list.apply(recorded(0, "alice", added(newId(), ACME, "Docs", true)));

        IntegrationPage page =
                list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.of("Do\u0000cs"), 0, 10));

        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
    }
}
