package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.ReservedId;
import io.integrationregistry.application.integrations.port.out.ForKeepingIdReservations;
import io.integrationregistry.application.integrations.port.out.IdReservation;
import io.integrationregistry.application.testdoubles.InMemoryIdReservations;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Reserved integration ids: bounded per company, expiring, and nothing another company can tell apart. */
class IdReservationsTest {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final Duration TTL = Duration.ofHours(24);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    private final InMemoryIdReservations store = new InMemoryIdReservations();
    private final IdReservations reservations =
            new IdReservations(store, new RandomIdentifiers(), new InMemoryIntegrationStore(), clock, TTL, 2);

    @Test
    void aReservationGivesTheRedirectUriOfItsIdAndExpiresAfterItsTimeToLive() {
        ReservedId reserved = reservations.reserve(ACME);

        assertThat(reserved.redirectUri().value())
                .isEqualTo(RandomIdentifiers.CALLBACK + reserved.integrationId().value());
        assertThat(reserved.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(reservations.violations(ACME, reserved.integrationId())).isEmpty();

        clock.advance(TTL);
        assertThat(reservations.violations(ACME, reserved.integrationId()))
                .extracting(InvalidValue::field, InvalidValue::rule)
                .containsExactly(tuple("reservedId", IdReservations.EXPIRED));
    }

    @Test
    void anotherCompanysReservationIsRefusedExactlyAsAnIdNobodyReserved() {
        ReservedId acmes = reservations.reserve(ACME);

        assertThat(reservations.violations(GLOBEX, acmes.integrationId()))
                .extracting(InvalidValue::field, InvalidValue::rule)
                .containsExactly(tuple("reservedId", IdReservations.UNKNOWN));
        assertThat(reservations.violations(GLOBEX, IntegrationId.of(UUID.randomUUID())))
                .extracting(InvalidValue::field, InvalidValue::rule)
                .containsExactly(tuple("reservedId", IdReservations.UNKNOWN));
        clock.advance(TTL);
        assertThat(reservations.violations(GLOBEX, acmes.integrationId()))
                .extracting(InvalidValue::rule)
                .containsExactly(IdReservations.UNKNOWN);
    }

    @Test
    void aCompanyAtItsBoundIsRefusedUntilItsReservationsExpireAndOthersAreNotHeldBack() {
        reservations.reserve(ACME);
        reservations.reserve(ACME);

        assertThatThrownBy(() -> reservations.reserve(ACME)).isInstanceOf(TooManyReservations.class);
        assertThat(reservations.reserve(GLOBEX)).isNotNull();

        clock.advance(TTL);
        assertThat(reservations.reserve(ACME)).isNotNull();
        assertThat(store.size())
                .as("acme's two expired ones removed, globex's kept")
                .isEqualTo(2);
    }

    @Test
    void aReservationThatRacedPastTheBoundWithdrawsItself() {
        // Another request of the company stores its reservation between this one's count and its own store.
        InMemoryIdReservations racing = new InMemoryIdReservations();
        IdReservations raced = new IdReservations(
                new RacingStore(racing, clock), new RandomIdentifiers(), new InMemoryIntegrationStore(), clock, TTL, 2);
        raced.reserve(ACME);

        assertThatThrownBy(() -> raced.reserve(ACME)).isInstanceOf(TooManyReservations.class);
        assertThat(racing.countOpen(ACME, clock.instant())).isEqualTo(2);
    }

    /** Stores, with each reservation after the first, a racer's reservation of the same company. */
    private static final class RacingStore implements ForKeepingIdReservations {

        private final InMemoryIdReservations delegate;
        private final MutableClock clock;

        RacingStore(InMemoryIdReservations delegate, MutableClock clock) {
            this.delegate = delegate;
            this.clock = clock;
        }

        @Override
        public void reserve(IdReservation reservation) {
            if (delegate.size() > 0) {
                delegate.reserve(new IdReservation(
                        IntegrationId.of(UUID.randomUUID()),
                        reservation.company(),
                        clock.instant(),
                        clock.instant().plus(TTL)));
            }
            delegate.reserve(reservation);
        }

        @Override
        public Optional<IdReservation> find(IntegrationId id) {
            return delegate.find(id);
        }

        @Override
        public long countOpen(CompanyId company, Instant now) {
            return delegate.countOpen(company, now);
        }

        @Override
        public void removeExpired(CompanyId company, Instant now) {
            delegate.removeExpired(company, now);
        }

        @Override
        public void release(CompanyId company, IntegrationId id) {
            delegate.release(company, id);
        }
    }
}
