package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.NameReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Keeps names unique within a company, which no single aggregate can: a name is reserved before the
 * event that uses it is stored. A reservation left behind by a request that died half-way (its
 * integration never stored, or since renamed) is taken over, but only once it is older than any
 * command can take, so that a reservation still in flight is never stolen.
 */
final class NameRegister {

    private static final int ATTEMPTS = 5;

    private final ForReservingNames reservations;
    private final ForStoringIntegrations integrations;
    private final Clock clock;
    private final Duration inFlightGrace;

    NameRegister(
            ForReservingNames reservations, ForStoringIntegrations integrations, Clock clock, Duration inFlightGrace) {
        this.reservations = reservations;
        this.integrations = integrations;
        this.clock = clock;
        this.inFlightGrace = inFlightGrace;
    }

    void reserve(CompanyId company, IntegrationName name, IntegrationId holder) {
        String key = name.uniquenessKey();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (reservations.tryReserve(company, key, holder, clock.instant())) {
                return;
            }
            Optional<NameReservation> existing = reservations.reservationOf(company, key);
            if (existing.isEmpty()) {
                continue;
            }
            NameReservation reservation = existing.get();
            if (reservation.holder().equals(holder)) {
                // The holder again (a retry of its change): the reservation is in flight anew, so that no
                // takeover counts it as left behind while that retry runs.
                if (!reservation.reservedAt().isBefore(clock.instant())
                        || reservations.replace(company, key, reservation, holder, clock.instant())) {
                    return;
                }
                continue;
            }
            if (!isAbandoned(company, key, reservation)) {
                throw new NameAlreadyTaken(name.value());
            }
            if (reservations.replace(company, key, reservation, holder, clock.instant())) {
                return;
            }
        }
        throw new NameAlreadyTaken(name.value());
    }

    void release(CompanyId company, IntegrationName name, IntegrationId holder) {
        reservations.release(company, name.uniquenessKey(), holder);
    }

    /**
     * Releases a name reserved for a change that was refused, unless the holder bears it after all (another
     * change of the same integration gave it that name meanwhile). Should the holder not be readable, the
     * reservation stays: a takeover frees it once the grace is over, if the holder does not bear it.
     */
    void releaseUnlessBorne(CompanyId company, IntegrationName name, IntegrationId holder) {
        boolean borne;
        try {
            borne = integrations
                    .load(holder)
                    .map(stored -> stored.integration().name().uniquenessKey().equals(name.uniquenessKey()))
                    .orElse(false);
        } catch (RuntimeException unreadable) {
            return;
        }
        if (!borne) {
            release(company, name, holder);
        }
    }

    private boolean isAbandoned(CompanyId company, String key, NameReservation reservation) {
        if (reservation.reservedAt().plus(inFlightGrace).isAfter(clock.instant())) {
            return false;
        }
        return integrations
                .load(reservation.holder())
                .map(stored -> !stored.integration().companyId().equals(company)
                        || !stored.integration().name().uniquenessKey().equals(key))
                .orElse(true);
    }
}
