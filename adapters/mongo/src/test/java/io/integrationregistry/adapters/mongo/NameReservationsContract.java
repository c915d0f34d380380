package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.NameReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.isUnique;
import static io.integrationregistry.adapters.mongo.Fixtures.keys;
import static io.integrationregistry.adapters.mongo.Fixtures.millis;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service needs of its name reservations: atomic, unique per company and name key. The same
 * contract runs against every server the service supports.
 */
abstract class NameReservationsContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    /** Nanoseconds on purpose: the store keeps milliseconds. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    private static final int RACERS = 16;

    private MongoTemplate mongo;
    private MongoNameReservations names;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        mongo = template();
        mongo.dropCollection(MongoNameReservations.COLLECTION);
        names = new MongoNameReservations(mongo);
        names.ensureIndexes();
    }

    @Test
    void given_a_free_name_when_reserved_then_its_holder_and_time_are_known() {
        IntegrationId holder = newId();

        assertThat(names.tryReserve(ACME, "docs", holder, T0)).isTrue();

        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(holder, millis(T0)));
    }

    @Test
    void given_no_reservation_then_none_is_found() {
        assertThat(names.reservationOf(ACME, "docs")).isEmpty();
    }

    @Test
    void given_a_reserved_name_then_nobody_else_in_the_company_can_reserve_it_but_another_company_can() {
        IntegrationId first = newId();
        IntegrationId other = newId();

        assertThat(names.tryReserve(ACME, "docs", first, T0)).isTrue();
        assertThat(names.tryReserve(ACME, "docs", newId(), T0.plusSeconds(1))).isFalse();
        assertThat(names.tryReserve(ACME, "docs", first, T0.plusSeconds(2))).isFalse();
        assertThat(names.tryReserve(GLOBEX, "docs", other, T0)).isTrue();
        assertThat(names.tryReserve(ACME, "docs 2", newId(), T0)).isTrue();

        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(first, millis(T0)));
        assertThat(names.reservationOf(GLOBEX, "docs")).contains(new NameReservation(other, millis(T0)));
    }

    @Test
    void given_16_concurrent_reservations_of_one_name_then_exactly_one_succeeds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<IntegrationId> racers = new ArrayList<>();
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                IntegrationId racer = newId();
                racers.add(racer);
                outcomes.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    return names.tryReserve(ACME, "contended", racer, T0);
                }));
            }
            start.countDown();
            List<IntegrationId> winners = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                if (outcomes.get(i).get()) {
                    winners.add(racers.get(i));
                }
            }

            assertThat(winners).hasSize(1);
            assertThat(names.reservationOf(ACME, "contended").orElseThrow().holder())
                    .isEqualTo(winners.get(0));
            assertThat(mongo.getCollection(MongoNameReservations.COLLECTION).countDocuments())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void given_a_stale_reservation_then_replacing_it_is_a_compare_and_swap() {
        IntegrationId abandoned = newId();
        names.tryReserve(ACME, "docs", abandoned, T0);
        NameReservation stale = names.reservationOf(ACME, "docs").orElseThrow();
        IntegrationId taker = newId();

        assertThat(names.replace(ACME, "docs", stale, taker, T0.plusSeconds(60)))
                .isTrue();
        assertThat(names.replace(ACME, "docs", stale, newId(), T0.plusSeconds(61)))
                .isFalse();

        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(taker, millis(T0.plusSeconds(60))));
    }

    @Test
    void given_a_reservation_then_a_replace_naming_another_holder_time_company_or_name_fails() {
        IntegrationId holder = newId();
        names.tryReserve(ACME, "docs", holder, T0);

        assertThat(names.replace(ACME, "docs", new NameReservation(newId(), T0), newId(), T0))
                .isFalse();
        assertThat(names.replace(ACME, "docs", new NameReservation(holder, T0.plusMillis(1)), newId(), T0))
                .isFalse();
        assertThat(names.replace(GLOBEX, "docs", new NameReservation(holder, T0), newId(), T0))
                .isFalse();
        assertThat(names.replace(ACME, "maps", new NameReservation(holder, T0), newId(), T0))
                .isFalse();

        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(holder, millis(T0)));
        assertThat(names.reservationOf(ACME, "maps")).isEmpty();
    }

    @Test
    void given_a_reservation_then_only_its_holder_releases_it() {
        IntegrationId holder = newId();
        names.tryReserve(ACME, "docs", holder, T0);
        names.tryReserve(GLOBEX, "docs", holder, T0);

        names.release(ACME, "docs", newId());
        assertThat(names.reservationOf(ACME, "docs")).isPresent();

        names.release(ACME, "docs", holder);
        assertThat(names.reservationOf(ACME, "docs")).isEmpty();
        assertThat(names.reservationOf(GLOBEX, "docs")).isPresent();
        assertThat(names.tryReserve(ACME, "docs", newId(), T0)).isTrue();
    }

    @Test
    void given_indexes_ensured_twice_then_company_and_name_key_are_uniquely_indexed_once() {
        names.ensureIndexes();

        assertThat(indexKeys(mongo, MongoNameReservations.COLLECTION))
                .containsExactlyInAnyOrder(keys("_id"), keys("companyId", "nameKey"));
        assertThat(isUnique(mongo, MongoNameReservations.COLLECTION, keys("companyId", "nameKey")))
                .isTrue();
    }

    @Test
    void given_its_own_reservation_when_the_holder_reserves_again_then_its_time_is_refreshed() {
        IntegrationId holder = newId();
        names.tryReserve(ACME, "docs", holder, T0);
        NameReservation first = names.reservationOf(ACME, "docs").orElseThrow();

        assertThat(names.replace(ACME, "docs", first, holder, T0.plusSeconds(90)))
                .isTrue();

        assertThat(names.reservationOf(ACME, "docs")).contains(new NameReservation(holder, millis(T0.plusSeconds(90))));
    }

    @Test
    void nameUniquenessIsOnlyToLowerCaseRoot_storedReservationsAreMigratedToTheFoldedKeyOnce() {
        IntegrationId strasse = newId();
        IntegrationId acme = newId();
        IntegrationId younger = newId();
        IntegrationId globex = newId();
        names.tryReserve(ACME, "stra\u00dfe", strasse, T0);
        names.tryReserve(ACME, "\uff41cme", acme, T0);
        names.tryReserve(ACME, "acme", younger, T0.plusSeconds(5));
        names.tryReserve(GLOBEX, "cafe\u0301", globex, T0);

        int rewritten = names.migrateNameKeys();
        int again = names.migrateNameKeys();

        assertThat(rewritten).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(names.reservationOf(ACME, "strasse")).contains(new NameReservation(strasse, millis(T0)));
        assertThat(names.reservationOf(GLOBEX, "caf\u00e9")).contains(new NameReservation(globex, millis(T0)));
        assertThat(names.reservationOf(ACME, "acme"))
                .as("of two colliding names, the one holding the key keeps it")
                .contains(new NameReservation(younger, millis(T0.plusSeconds(5))));
        assertThat(names.reservationOf(ACME, "\uff41cme"))
                .as("the other is kept under its former key")
                .contains(new NameReservation(acme, millis(T0)));
        assertThat(mongo.getCollection(MongoNameReservations.COLLECTION).countDocuments())
                .isEqualTo(4);
    }
}
