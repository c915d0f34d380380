package io.integrationregistry.application.audit.port.in;

import io.integrationregistry.domain.InvalidValue;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters of the audit trail, every one optional, and the order of its entries. The actor matches any part of
 * the name regardless of case (taken literally, never as a pattern); the source ({@code api}, {@code ui} or
 * {@code system}) and the request id match exactly.
 */
public record AuditQuery(
        Optional<String> integrationId,
        Optional<String> actor,
        Optional<AuditEntryType> type,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> source,
        Optional<String> requestId,
        Order order) {

    /** The order of the entries; time first, the event id breaks ties. */
    public enum Order {
        NEWEST_FIRST,
        OLDEST_FIRST
    }

    public AuditQuery {
        integrationId = integrationId == null ? Optional.empty() : integrationId;
        actor = actor == null ? Optional.empty() : actor;
        type = type == null ? Optional.empty() : type;
        from = from == null ? Optional.empty() : from;
        to = to == null ? Optional.empty() : to;
        source = source == null ? Optional.empty() : source;
        requestId = requestId == null ? Optional.empty() : requestId;
        order = order == null ? Order.NEWEST_FIRST : order;
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new InvalidValue("from", "must not be after to");
        }
    }

    /** Newest first, by integration, actor, type and time only. */
    public AuditQuery(
            Optional<String> integrationId,
            Optional<String> actor,
            Optional<AuditEntryType> type,
            Optional<Instant> from,
            Optional<Instant> to) {
        this(integrationId, actor, type, from, to, Optional.empty(), Optional.empty(), Order.NEWEST_FIRST);
    }

    public static AuditQuery everything() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public AuditQuery withSource(String wanted) {
        return new AuditQuery(integrationId, actor, type, from, to, Optional.ofNullable(wanted), requestId, order);
    }

    public AuditQuery withRequestId(String wanted) {
        return new AuditQuery(integrationId, actor, type, from, to, source, Optional.ofNullable(wanted), order);
    }

    public AuditQuery withOrder(Order wanted) {
        return new AuditQuery(integrationId, actor, type, from, to, source, requestId, wanted);
    }

    public AuditQuery withActor(String wanted) {
        return new AuditQuery(integrationId, Optional.ofNullable(wanted), type, from, to, source, requestId, order);
    }
}
