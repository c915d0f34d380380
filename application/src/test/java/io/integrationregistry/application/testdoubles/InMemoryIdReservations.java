package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.out.ForKeepingIdReservations;
import io.integrationregistry.application.integrations.port.out.IdReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Reserved integration ids on a concurrent map; nothing expires by itself, as on a store without TTL. */
public final class InMemoryIdReservations implements ForKeepingIdReservations {

    private final ConcurrentMap<IntegrationId, IdReservation> reservations = new ConcurrentHashMap<>();

    @Override
    public void reserve(IdReservation reservation) {
        if (reservations.putIfAbsent(reservation.id(), reservation) != null) {
            throw new IllegalStateException("id reserved twice: " + reservation.id());
        }
    }

    @Override
    public Optional<IdReservation> find(IntegrationId id) {
        return Optional.ofNullable(reservations.get(id));
    }

    @Override
    public long countOpen(CompanyId company, Instant now) {
        return reservations.values().stream()
                .filter(reservation -> reservation.company().equals(company) && !reservation.expiredAt(now))
                .count();
    }

    @Override
    public void removeExpired(CompanyId company, Instant now) {
        reservations
                .values()
                .removeIf(reservation -> reservation.company().equals(company) && reservation.expiredAt(now));
    }

    @Override
    public void release(CompanyId company, IntegrationId id) {
        reservations.computeIfPresent(
                id, (key, reservation) -> reservation.company().equals(company) ? null : reservation);
    }

    public int size() {
        return reservations.size();
    }
}
