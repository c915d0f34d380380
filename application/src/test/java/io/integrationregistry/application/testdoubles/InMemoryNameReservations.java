package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.NameReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Name reservations on a concurrent map, each operation atomic as the port requires. */
public final class InMemoryNameReservations implements ForReservingNames {

    private final ConcurrentMap<String, NameReservation> reservations = new ConcurrentHashMap<>();

    @Override
    public boolean tryReserve(CompanyId company, String nameKey, IntegrationId holder, Instant at) {
        return reservations.putIfAbsent(key(company, nameKey), new NameReservation(holder, at)) == null;
    }

    @Override
    public Optional<NameReservation> reservationOf(CompanyId company, String nameKey) {
        return Optional.ofNullable(reservations.get(key(company, nameKey)));
    }

    @Override
    public boolean replace(CompanyId company, String nameKey, NameReservation stale, IntegrationId holder, Instant at) {
        return reservations.replace(key(company, nameKey), stale, new NameReservation(holder, at));
    }

    @Override
    public void release(CompanyId company, String nameKey, IntegrationId holder) {
        reservations.computeIfPresent(
                key(company, nameKey),
                (key, reservation) -> reservation.holder().equals(holder) ? null : reservation);
    }

    public Optional<IntegrationId> holderOf(CompanyId company, String nameKey) {
        return reservationOf(company, nameKey).map(NameReservation::holder);
    }

    private static String key(CompanyId company, String nameKey) {
        return company.value() + "\u0000" + nameKey;
    }
}
