package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;

/** An integration id set aside for one company's next integration, until it is used or expires. */
public record IdReservation(IntegrationId id, CompanyId company, Instant reservedAt, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
