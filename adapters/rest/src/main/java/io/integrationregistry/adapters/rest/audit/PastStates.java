package io.integrationregistry.adapters.rest.audit;

import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.audit.port.in.ForAuditing;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An integration as it was at an instant or a version, for administrators and auditors. */
@Component
public final class PastStates {

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final ForAuditing auditing;

    PastStates(ForAuditing auditing) {
        this.auditing = auditing;
    }

    public Optional<IntegrationView> find(
            Authentication authentication, Caller caller, IntegrationId id, String asOf, String version) {
        Auditors.require(authentication);
        if (asOf != null && version != null) {
            throw InvalidRequest.of("asOf", "cannot be combined with version");
        }
        if (asOf != null) {
            return auditing.asOf(caller.company(), id, instant("asOf", asOf));
        }
        try {
            return auditing.atVersion(caller.company(), id, Long.parseLong(version.strip()));
        } catch (NumberFormatException notANumber) {
            throw InvalidRequest.of("version", "must be a whole number");
        }
    }

    static Instant instant(String field, String raw) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(raw.strip()).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            throw InvalidRequest.of(field, "must be an RFC 3339 instant such as 2026-11-28T10:15:30Z");
        }
        // RFC 3339 years have four digits; beyond them an instant no longer fits the stores' milliseconds
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidRequest.of(field, "must be an instant from the year 0000 to 9999");
        }
        return instant;
    }
}
