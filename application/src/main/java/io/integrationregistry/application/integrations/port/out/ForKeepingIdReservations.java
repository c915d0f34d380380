package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Optional;

/**
 * The integration ids reserved ahead of their integration's creation, one entry per id. An expired
 * reservation may still be answered (a store may purge late, or never): callers judge the expiry.
 */
public interface ForKeepingIdReservations {

    /** Stores the reservation; an id already reserved is a bug (ids are random) and fails. */
    void reserve(IdReservation reservation);

    Optional<IdReservation> find(IntegrationId id);

    /** How many reservations of the company are still open at {@code now}. */
    long countOpen(CompanyId company, Instant now);

    /** Removes the company's reservations expired by {@code now}. */
    void removeExpired(CompanyId company, Instant now);

    /** Removes the reservation of this id, if it is the company's. */
    void release(CompanyId company, IntegrationId id);
}
