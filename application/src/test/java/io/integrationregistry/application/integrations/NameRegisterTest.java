package io.integrationregistry.application.integrations;

import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Name reservations as the service takes them: unique by the folded key, refreshed by their holder. */
class NameRegisterTest {

    private static final Duration GRACE = Duration.ofMinutes(1);
    private static final CompanyId ACME = new CompanyId("acme");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryNameReservations reservations = new InMemoryNameReservations();
    private final NameRegister names = new NameRegister(reservations, new InMemoryIntegrationStore(), clock, GRACE);

    @Test
    void aHolderReReservingItsOwnReservationRefreshesItsTime_soNoTakeoverCountsItAsLeftBehind() {
        IntegrationId holder = IntegrationId.of(UUID.randomUUID());
        names.reserve(ACME, new IntegrationName("Acme drive"), holder);
        clock.advance(GRACE.plusSeconds(30));

        names.reserve(ACME, new IntegrationName("Acme drive"), holder);

        assertThat(reservations.reservationOf(ACME, "acme drive").orElseThrow().reservedAt())
                .isEqualTo(clock.instant());
        assertThatThrownBy(() ->
                        names.reserve(ACME, new IntegrationName("ACME DRIVE"), IntegrationId.of(UUID.randomUUID())))
                .isInstanceOf(NameAlreadyTaken.class);
    }

    @Test
    void nameUniquenessIsOnlyToLowerCaseRoot_namesAReaderCannotTellApartAreOneName() {
        names.reserve(ACME, new IntegrationName("Caf\u00e9"), IntegrationId.of(UUID.randomUUID()));
        names.reserve(ACME, new IntegrationName("stra\u00dfe"), IntegrationId.of(UUID.randomUUID()));
        names.reserve(ACME, new IntegrationName("acme"), IntegrationId.of(UUID.randomUUID()));

        for (String lookalike : new String[] {"Cafe\u0301", "STRASSE", "\uff21cme"}) {
            assertThatThrownBy(() ->
                            names.reserve(ACME, new IntegrationName(lookalike), IntegrationId.of(UUID.randomUUID())))
                    .as(lookalike)
                    .isInstanceOf(NameAlreadyTaken.class);
        }
    }
}
