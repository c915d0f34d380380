package io.integrationregistry.application.audit.port.in;

import io.integrationregistry.domain.InvalidValue;

import java.time.Instant;
import java.util.Optional;

/** Filters of the audit trail; every one optional. */
public record AuditQuery(
        Optional<String> integrationId,
        Optional<String> actor,
        Optional<AuditEntryType> type,
        Optional<Instant> from,
        Optional<Instant> to) {

    public AuditQuery {
        integrationId = integrationId == null ? Optional.empty() : integrationId;
        actor = actor == null ? Optional.empty() : actor;
        type = type == null ? Optional.empty() : type;
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidValue("from", "must not be after to");
        }
    }

    public static AuditQuery everything() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
