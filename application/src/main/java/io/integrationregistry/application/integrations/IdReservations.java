package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.ReservedId;
import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.application.integrations.port.out.ForKeepingIdReservations;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.IdReservation;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.InvalidValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Integration ids reserved before their integration is created, so that its OAuth2 redirect URI (which
 * derives from the id) can be registered at the provider before the first save. A reservation belongs to
 * one company: only that company creates with it, once, before it expires. Another company's reservation
 * is refused exactly as an id nobody reserved, so that no company learns of another's. Each company holds
 * a bounded number of open reservations; a reservation is released once its integration is stored, and
 * expired ones are removed as the company reserves anew (a store's own expiry may lag, or be missing).
 */
public final class IdReservations {

    /** The field of a creation request that names the reserved id. */
    public static final String FIELD = "reservedId";

    static final String UNKNOWN = "is not an integration id reserved for your company";
    static final String EXPIRED = "has expired; reserve a new integration id";

    private enum Standing {
        OPEN,
        USED,
        EXPIRED,
        UNKNOWN
    }

    private final ForKeepingIdReservations reservations;
    private final ForGeneratingIdentifiers identifiers;
    private final ForStoringIntegrations integrations;
    private final Clock clock;
    private final Duration timeToLive;
    private final int maxOpenPerCompany;

    public IdReservations(
            ForKeepingIdReservations reservations,
            ForGeneratingIdentifiers identifiers,
            ForStoringIntegrations integrations,
            Clock clock,
            Duration timeToLive,
            int maxOpenPerCompany) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("the reservations' time to live must be positive");
        }
        if (maxOpenPerCompany < 1) {
            throw new IllegalArgumentException("a company must be allowed at least one open reservation");
        }
        this.reservations = reservations;
        this.identifiers = identifiers;
        this.integrations = integrations;
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.maxOpenPerCompany = maxOpenPerCompany;
    }

    ReservedId reserve(CompanyId company) {
        Instant now = clock.instant();
        reservations.removeExpired(company, now);
        if (reservations.countOpen(company, now) >= maxOpenPerCompany) {
            throw new TooManyReservations(maxOpenPerCompany);
        }
        IdReservation reservation =
                new IdReservation(identifiers.newIntegrationId(), company, now, now.plus(timeToLive));
        reservations.reserve(reservation);
        // Racing reservations each counted before the others were stored: whichever now finds the company
        // over its bound withdraws, so that the bound holds (at worst refusing more than needed).
        if (reservations.countOpen(company, now) > maxOpenPerCompany) {
            reservations.release(company, reservation.id());
            throw new TooManyReservations(maxOpenPerCompany);
        }
        return new ReservedId(reservation.id(), identifiers.redirectUriFor(reservation.id()), reservation.expiresAt());
    }

    /**
     * What is wrong with creating under {@code id} for the company, judged before anything is stored. An id
     * already used by the company is left to the creation: it answers a repeated request under its
     * idempotency key, and refuses any other as a second creation of an existing integration.
     */
    List<InvalidValue> violations(CompanyId company, IntegrationId id) {
        return switch (standing(company, id)) {
            case OPEN, USED -> List.of();
            case EXPIRED -> List.of(new InvalidValue(FIELD, EXPIRED));
            case UNKNOWN -> List.of(new InvalidValue(FIELD, UNKNOWN));
        };
    }

    /** Runs the creation under the reserved id if the company may use it; then the reservation is used up. */
    <T> T createdWith(CompanyId company, IntegrationId id, Supplier<T> creation) {
        switch (standing(company, id)) {
            case USED -> throw new IntegrationRuleViolation(Rule.INTEGRATION_ID_MUST_BE_NEW, id.value());
            case EXPIRED -> throw new InvalidValue(FIELD, EXPIRED);
            case UNKNOWN -> throw new InvalidValue(FIELD, UNKNOWN);
            case OPEN -> {
                // the one case that goes on
            }
        }
        T created = creation.get();
        try {
            reservations.release(company, id);
        } catch (RuntimeException unreleased) {
            // The integration is stored: its id can never be created again, and the reservation expires.
        }
        return created;
    }

    private Standing standing(CompanyId company, IntegrationId id) {
        boolean usedByTheCompany = integrations
                .load(id)
                .map(stored -> stored.integration().companyId().equals(company))
                .orElse(false);
        if (usedByTheCompany) {
            return Standing.USED;
        }
        Optional<IdReservation> own =
                reservations.find(id).filter(found -> found.company().equals(company));
        if (own.isEmpty()) {
            return Standing.UNKNOWN;
        }
        return own.get().expiredAt(clock.instant()) ? Standing.EXPIRED : Standing.OPEN;
    }
}
