package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Optional;

/**
 * Names held by integrations, unique per company and name key (the name compatibility-normalised and
 * case-folded, see {@code IntegrationName#uniquenessKey}). Every operation is atomic in the store, so two
 * concurrent reservations of one name cannot both succeed. A holder refreshes its own reservation's time
 * by {@link #replace} naming itself.
 */
public interface ForReservingNames {

    /** Reserves the name if nobody holds it; answers whether it did. */
    boolean tryReserve(CompanyId company, String nameKey, IntegrationId holder, Instant at);

    Optional<NameReservation> reservationOf(CompanyId company, String nameKey);

    /** Replaces exactly {@code stale} by a reservation for {@code holder}; answers whether it did. */
    boolean replace(CompanyId company, String nameKey, NameReservation stale, IntegrationId holder, Instant at);

    /** Releases the name if {@code holder} holds it. */
    void release(CompanyId company, String nameKey, IntegrationId holder);
}
