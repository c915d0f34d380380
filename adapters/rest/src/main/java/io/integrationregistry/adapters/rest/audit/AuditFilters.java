package io.integrationregistry.adapters.rest.audit;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.shared.Origin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit trail's query parameters, read the same way for a page and for an export. Every broken one is
 * named at once; a blank one is no filter.
 */
final class AuditFilters {

    private AuditFilters() {}

    static AuditQuery query(
            String integrationId,
            String actor,
            String type,
            String from,
            String to,
            String source,
            String requestId,
            String order) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<AuditEntryType> wantedType = present(type).flatMap(raw -> type(raw, problems));
        Optional<Instant> since = present(from).flatMap(raw -> instant("from", raw, problems));
        Optional<Instant> until = present(to).flatMap(raw -> instant("to", raw, problems));
        Optional<String> wantedSource = present(source).flatMap(raw -> source(raw, problems));
        Optional<String> wantedRequest = present(requestId).filter(raw -> requestId(raw, problems));
        AuditQuery.Order wantedOrder =
                present(order).map(raw -> order(raw, problems)).orElse(null);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new AuditQuery(
                present(integrationId),
                present(actor),
                wantedType,
                since,
                until,
                wantedSource,
                wantedRequest,
                wantedOrder);
    }

    private static Optional<AuditEntryType> type(String raw, List<FieldProblem> problems) {
        try {
            return Optional.of(AuditEntryType.valueOf(raw.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            problems.add(FieldProblem.of("type", "must be ADDED, EDITED, ACTIVATED, DEACTIVATED or TESTED"));
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(String field, String raw, List<FieldProblem> problems) {
        try {
            return Optional.of(PastStates.instant(field, raw));
        } catch (InvalidRequest notAnInstant) {
            problems.add(FieldProblem.of(
                    field, "must be an RFC 3339 instant from the year 0000 to 9999, such as 2026-11-28T10:15:30Z"));
            return Optional.empty();
        }
    }

    /** The channels the service records: api, ui and system. */
    private static Optional<String> source(String raw, List<FieldProblem> problems) {
        for (Origin.Source known : Origin.Source.values()) {
            if (known.label().equalsIgnoreCase(raw)) {
                return Optional.of(known.label());
            }
        }
        problems.add(FieldProblem.of("source", "must be api, ui or system"));
        return Optional.empty();
    }

    /** A request id as the service keeps one: up to 128 visible ASCII characters. */
    private static boolean requestId(String raw, List<FieldProblem> problems) {
        if (raw.length() <= Origin.MAX_REQUEST_ID_LENGTH && raw.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return true;
        }
        problems.add(FieldProblem.of(
                "requestId", "must be at most " + Origin.MAX_REQUEST_ID_LENGTH + " visible ASCII characters"));
        return false;
    }

    private static AuditQuery.Order order(String raw, List<FieldProblem> problems) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "desc" -> AuditQuery.Order.NEWEST_FIRST;
            case "asc" -> AuditQuery.Order.OLDEST_FIRST;
            default -> {
                problems.add(FieldProblem.of("order", "must be asc or desc"));
                yield null;
            }
        };
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
