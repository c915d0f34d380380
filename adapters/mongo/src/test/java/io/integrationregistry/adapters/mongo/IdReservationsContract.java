package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.out.IdReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;

import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.keys;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the service needs of its reserved integration ids: each kept under its id with its company and
 * expiry, counted and purged per company, released only by its own company. The same contract runs against
 * every server the service supports.
 */
abstract class IdReservationsContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    /** Nanoseconds on purpose: a reservation comes back exactly as it was stored. */
    private static final Instant NOW = Instant.parse("2026-11-01T10:15:30.123456789Z");

    private MongoTemplate mongo;
    private MongoIdReservations reservations;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        mongo = template();
        mongo.dropCollection(MongoIdReservations.COLLECTION);
        reservations = new MongoIdReservations(mongo);
        reservations.ensureIndexes();
    }

    @Test
    void aReservationComesBackExactlyUnderItsId() {
        IdReservation reserved = reservation(ACME, NOW.plus(Duration.ofHours(24)));
        reservations.reserve(reserved);

        assertThat(reservations.find(reserved.id())).contains(reserved);
        assertThat(reservations.find(newId())).isEmpty();
    }

    @Test
    void anIdIsNeverReservedTwice() {
        IdReservation first = reservation(ACME, NOW.plusSeconds(60));
        reservations.reserve(first);

        assertThatThrownBy(() -> reservations.reserve(new IdReservation(first.id(), GLOBEX, NOW, NOW.plusSeconds(120))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(reservations.find(first.id())).contains(first);
    }

    @Test
    void onlyTheCompanysOpenReservationsAreCounted() {
        reservations.reserve(reservation(ACME, NOW.plusSeconds(60)));
        reservations.reserve(reservation(ACME, NOW.plusSeconds(120)));
        reservations.reserve(reservation(ACME, NOW.minusSeconds(1)));
        reservations.reserve(reservation(GLOBEX, NOW.plusSeconds(60)));

        assertThat(reservations.countOpen(ACME, NOW)).isEqualTo(2);
        assertThat(reservations.countOpen(GLOBEX, NOW)).isEqualTo(1);
        assertThat(reservations.countOpen(ACME, NOW.plusSeconds(90))).isEqualTo(1);
    }

    @Test
    void removingExpiredReservationsKeepsOpenOnesAndOtherCompanies() {
        IdReservation open = reservation(ACME, NOW.plusSeconds(60));
        IdReservation expired = reservation(ACME, NOW.minusSeconds(60));
        IdReservation othersExpired = reservation(GLOBEX, NOW.minusSeconds(60));
        reservations.reserve(open);
        reservations.reserve(expired);
        reservations.reserve(othersExpired);

        reservations.removeExpired(ACME, NOW);

        assertThat(reservations.find(open.id())).contains(open);
        assertThat(reservations.find(expired.id())).isEmpty();
        assertThat(reservations.find(othersExpired.id())).contains(othersExpired);
    }

    @Test
    void onlyItsOwnCompanyReleasesAReservation() {
        IdReservation reserved = reservation(ACME, NOW.plusSeconds(60));
        reservations.reserve(reserved);

        reservations.release(GLOBEX, reserved.id());
        assertThat(reservations.find(reserved.id())).contains(reserved);

        reservations.release(ACME, reserved.id());
        assertThat(reservations.find(reserved.id())).isEmpty();
    }

    @Test
    void indexesEnsuredTwiceAreTheExpiryAndTheCompanysOnce() {
        reservations.ensureIndexes();

        assertThat(indexKeys(mongo, MongoIdReservations.COLLECTION))
                .containsExactlyInAnyOrder(keys("_id"), keys("expiresAt"), keys("companyId", "expiresAt"));
    }

    private static IdReservation reservation(CompanyId company, Instant expiresAt) {
        IntegrationId id = newId();
        return new IdReservation(id, company, NOW.minusSeconds(5), expiresAt);
    }
}
