package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.port.out.NameReservation;
import io.integrationregistry.application.port.out.RecordedEvent;
import io.integrationregistry.application.view.IntegrationPage;
import io.integrationregistry.application.view.IntegrationQuery;
import io.integrationregistry.application.view.IntegrationView;
import io.integrationregistry.application.view.SecretView;
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
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service needs of its MongoDB read models: the integration list and the name reservations.
 * The same contract runs against every server the service supports.
 */
abstract class ReadModelContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123Z");
    private static final SealedSecret CLIENT_SECRET = new SealedSecret("77", "U0VBTEVELWNsaWVudA==", "wxyz");
    private static final SealedSecret API_KEY = new SealedSecret("77", "U0VBTEVELWFwaWtleQ==", null);

    private MongoTemplate mongo;
    private MongoIntegrationList list;
    private MongoNameReservations names;

    /** A template on a fresh database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void freshDatabase() {
        mongo = template();
        mongo.getDb().drop();
        list = new MongoIntegrationList(mongo);
        list.ensureIndexes();
        names = new MongoNameReservations(mongo);
        names.ensureIndexes();
    }

    @Test
    void given_an_added_oauth2_integration_then_it_is_listed_with_its_fields_and_only_whether_its_secret_is_set() {
        IntegrationId id = newId();
        list.apply(recorded(0, added(id, ACME, "Docs", true)));

        IntegrationView view = list.find(ACME, id).orElseThrow();

        assertThat(view.name()).isEqualTo("Docs");
        assertThat(view.companyId()).isEqualTo("acme");
        assertThat(view.baseApiUrl()).isEqualTo("https://docs.example/api/v1");
        assertThat(view.requestParameters()).isEqualTo("access_type=offline");
        assertThat(view.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(view.version()).isZero();
        assertThat(view.createdAt()).isEqualTo(T0).isEqualTo(view.updatedAt());
        assertThat(view.lastChangedBy()).isEqualTo("alice");
        assertThat(view.authentication().type()).isEqualTo(AuthenticationType.OAUTH2);
        assertThat(view.authentication().clientId()).isEqualTo("client-1");
        assertThat(view.authentication().redirectUri()).isEqualTo(redirect(id).value());
        assertThat(view.authentication().clientSecret()).isEqualTo(new SecretView(true, "wxyz"));
        assertThat(view.authentication().apiKey()).isNull();
    }

    @Test
    void given_stored_entries_then_no_ciphertext_or_key_id_is_in_the_read_model() {
        IntegrationId id = newId();
        list.apply(recorded(0, added(id, ACME, "Docs", true)));
        list.apply(recorded(1, editedToApiKey(id, ACME, "Docs", 1)));

        String raw = mongo.getCollection(MongoIntegrationList.COLLECTION).find().first().toJson();

        assertThat(raw).doesNotContain(CLIENT_SECRET.ciphertext()).doesNotContain(API_KEY.ciphertext())
                .doesNotContain("ciphertext").doesNotContain("keyId");
    }

    @Test
    void given_an_edit_a_deactivation_and_an_activation_then_the_entry_follows_each_with_its_version() {
        IntegrationId id = newId();
        list.apply(recorded(0, added(id, ACME, "Docs", true)));
        list.apply(recorded(1, editedToApiKey(id, ACME, "Docs v2", 1)));

        IntegrationView edited = list.find(ACME, id).orElseThrow();
        assertThat(edited.name()).isEqualTo("Docs v2");
        assertThat(edited.authentication().type()).isEqualTo(AuthenticationType.API_KEY);
        assertThat(edited.authentication().clientId()).isNull();
        assertThat(edited.authentication().apiKey()).isEqualTo(new SecretView(true, null));
        assertThat(edited.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(edited.createdAt()).isEqualTo(T0);
        assertThat(edited.version()).isEqualTo(1);

        list.apply(recorded(2, new IntegrationDeactivated(id, ACME, T0.plusSeconds(2))));
        assertThat(list.find(ACME, id).orElseThrow().status()).isEqualTo(IntegrationStatus.INACTIVE);

        list.apply(recorded(3, new IntegrationActivated(id, ACME, T0.plusSeconds(3))));
        IntegrationView activated = list.find(ACME, id).orElseThrow();
        assertThat(activated.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(activated.version()).isEqualTo(3);
    }

    @Test
    void given_every_event_applied_twice_or_replayed_late_then_the_entry_is_as_after_applying_each_once() {
        IntegrationId id = newId();
        List<RecordedEvent> history = List.of(recorded(0, added(id, ACME, "Docs", true)),
                recorded(1, editedToApiKey(id, ACME, "Docs v2", 1)),
                recorded(2, new IntegrationDeactivated(id, ACME, T0.plusSeconds(2))));
        history.forEach(list::apply);
        Document once = rawEntry(id);

        history.forEach(list::apply);
        list.apply(history.get(0));
        list.apply(history.get(1));

        assertThat(rawEntry(id)).isEqualTo(once);
    }

    @Test
    void given_integrations_of_a_company_then_pages_are_sorted_by_name_case_insensitively_and_counted() {
        for (String name : List.of("delta", "Alpha", "charlie", "Bravo", "echo")) {
            list.apply(recorded(0, added(newId(), ACME, name, true)));
        }

        IntegrationPage first = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 0, 2));
        IntegrationPage third = list.page(ACME, new IntegrationQuery(Optional.empty(), Optional.empty(), 2, 2));

        assertThat(first.items()).extracting(IntegrationView::name).containsExactly("Alpha", "Bravo");
        assertThat(third.items()).extracting(IntegrationView::name).containsExactly("echo");
        assertThat(first.total()).isEqualTo(5);
        assertThat(third.page()).isEqualTo(2);
    }

    @Test
    void given_a_status_filter_then_only_integrations_of_that_status_are_listed() {
        list.apply(recorded(0, added(newId(), ACME, "On", true)));
        list.apply(recorded(0, added(newId(), ACME, "Off", false)));

        IntegrationPage inactive = list.page(ACME,
                new IntegrationQuery(Optional.of(IntegrationStatus.INACTIVE), Optional.empty(), 0, 10));

        assertThat(inactive.items()).extracting(IntegrationView::name).containsExactly("Off");
        assertThat(inactive.total()).isEqualTo(1);
    }

    @Test
    void given_a_name_part_then_matching_is_case_insensitive_and_takes_regex_characters_literally() {
        list.apply(recorded(0, added(newId(), ACME, "Drive (EU)", true)));
        list.apply(recorded(0, added(newId(), ACME, "a.b storage", true)));
        list.apply(recorded(0, added(newId(), ACME, "axb storage", true)));

        assertThat(names(list.page(ACME, byName("drive (")))).containsExactly("Drive (EU)");
        assertThat(names(list.page(ACME, byName("A.B")))).containsExactly("a.b storage");
        assertThat(names(list.page(ACME, byName("STORAGE")))).containsExactly("a.b storage", "axb storage");
    }

    @Test
    void given_two_companies_then_each_sees_only_its_own_integrations() {
        IntegrationId acmes = newId();
        list.apply(recorded(0, added(acmes, ACME, "Docs", true)));
        list.apply(recorded(0, added(newId(), GLOBEX, "Docs", true)));

        assertThat(list.find(GLOBEX, acmes)).isEmpty();
        assertThat(list.page(GLOBEX, IntegrationQuery.firstPage(10)).items())
                .extracting(IntegrationView::companyId).containsExactly("globex");
    }

    @Test
    void given_a_reset_then_the_list_is_empty_and_its_indexes_remain() {
        list.apply(recorded(0, added(newId(), ACME, "Docs", true)));

        list.reset();

        assertThat(list.page(ACME, IntegrationQuery.firstPage(10)).total()).isZero();
        assertThat(indexNames(MongoIntegrationList.COLLECTION)).contains("company_name", "company_status_name");
    }

    @Test
    void given_ensured_indexes_then_the_list_and_the_reservations_are_indexed_for_their_queries() {
        assertThat(indexNames(MongoIntegrationList.COLLECTION)).contains("company_name", "company_status_name");
        assertThat(indexNames(MongoNameReservations.COLLECTION)).contains("company_name_unique");
    }

    @Test
    void given_a_reserved_name_then_nobody_else_in_the_company_can_reserve_it_but_another_company_can() {
        IntegrationId first = newId();

        assertThat(names.tryReserve(ACME, "docs", first, T0)).isTrue();
        assertThat(names.tryReserve(ACME, "docs", newId(), T0)).isFalse();
        assertThat(names.tryReserve(GLOBEX, "docs", newId(), T0)).isTrue();
        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(first, T0));
    }

    @Test
    void given_16_concurrent_reservations_of_one_name_then_exactly_one_succeeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            outcomes.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                return names.tryReserve(ACME, "contended", newId(), T0);
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> outcome : outcomes) {
            won += outcome.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
    }

    @Test
    void given_a_stale_reservation_then_replacing_it_is_a_compare_and_swap() {
        IntegrationId abandoned = newId();
        names.tryReserve(ACME, "docs", abandoned, T0);
        NameReservation stale = names.reservationOf(ACME, "docs").orElseThrow();
        IntegrationId taker = newId();

        assertThat(names.replace(ACME, "docs", stale, taker, T0.plusSeconds(60))).isTrue();
        assertThat(names.replace(ACME, "docs", stale, newId(), T0.plusSeconds(61))).isFalse();
        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(taker, T0.plusSeconds(60)));
    }

    @Test
    void given_a_reservation_then_only_its_holder_releases_it() {
        IntegrationId holder = newId();
        names.tryReserve(ACME, "docs", holder, T0);

        names.release(ACME, "docs", newId());
        assertThat(names.reservationOf(ACME, "docs")).isPresent();

        names.release(ACME, "docs", holder);
        assertThat(names.reservationOf(ACME, "docs")).isEmpty();
        assertThat(names.tryReserve(ACME, "docs", newId(), T0)).isTrue();
    }

    private Document rawEntry(IntegrationId id) {
        return mongo.getCollection(MongoIntegrationList.COLLECTION).find(new Document("_id", id.value())).first();
    }

    private List<String> indexNames(String collection) {
        List<String> indexes = new ArrayList<>();
        mongo.getCollection(collection).listIndexes().forEach(index -> indexes.add(index.getString("name")));
        return indexes;
    }

    private static IntegrationQuery byName(String part) {
        return new IntegrationQuery(Optional.empty(), Optional.of(part), 0, 10);
    }

    private static List<String> names(IntegrationPage page) {
        return page.items().stream().map(IntegrationView::name).toList();
    }

    private static IntegrationId newId() {
        return IntegrationId.of(UUID.randomUUID());
    }

    private static RedirectUri redirect(IntegrationId id) {
        return new RedirectUri("https://registry.example/oauth2/callback/" + id.value());
    }

    private static RecordedEvent recorded(long sequence, IntegrationEvent event) {
        return new RecordedEvent(UUID.randomUUID().toString(), sequence, "alice", event);
    }

    private static IntegrationAdded added(IntegrationId id, CompanyId company, String name, boolean active) {
        return new IntegrationAdded(id, company, T0, new IntegrationName(name),
                new BaseApiUrl("https://docs.example/api/v1"), new RequestParameters("access_type=offline"),
                new Authentication.OAuth2(new WebUrl("https://auth.example/authorize"),
                        new WebUrl("https://auth.example/token"), new ClientId("client-1"), CLIENT_SECRET,
                        redirect(id)), active);
    }

    private static IntegrationEdited editedToApiKey(IntegrationId id, CompanyId company, String name, int second) {
        return new IntegrationEdited(id, company, T0.plusSeconds(second).truncatedTo(ChronoUnit.MILLIS),
                new IntegrationName(name), new BaseApiUrl("https://docs.example/api/v2"), RequestParameters.NONE,
                new Authentication.ApiKey(API_KEY));
    }
}
