package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;

import java.util.List;
import java.util.Optional;

/** What administrators do with their company's integrations. */
public interface ForManagingIntegrations {

    /** Adds an integration; with a key, a repeated request returns the first answer and adds nothing. */
    Receipt add(Caller caller, IntegrationDraft draft, boolean active, Optional<IdempotencyKey> idempotencyKey);

    default Receipt add(Caller caller, IntegrationDraft draft, boolean active) {
        return add(caller, draft, active, Optional.empty());
    }

    /**
     * Adds an integration under an id its company reserved beforehand ({@link #reserveId}), so that its
     * redirect URI is the one given with the reservation. An id another company reserved, or nobody did,
     * is refused alike; an id the company has used already is refused as an integration that exists.
     */
    Receipt addReserved(
            Caller caller,
            IntegrationId reserved,
            IntegrationDraft draft,
            boolean active,
            Optional<IdempotencyKey> idempotencyKey);

    /** Reserves an id for the company's next integration, and tells the redirect URI it will have. */
    ReservedId reserveId(Caller caller);

    /** Why the company may not create under {@code reserved}, if it may not; stores nothing. */
    List<InvalidValue> reservationViolations(Caller caller, IntegrationId reserved);

    Receipt edit(Caller caller, IntegrationId id, IntegrationDraft draft, ExpectedVersion expected);

    /**
     * Every rule of adding ({@code edited} empty) or editing an integration that the fields a draft gives
     * break, each as the field and its rule, in the order of the fields; stores nothing. An edited
     * integration that is not there (or is another company's) is refused as the edit would be.
     */
    default List<InvalidValue> violations(Caller caller, Optional<IntegrationId> edited, PartialDraft draft) {
        return violations(caller, edited, ExpectedVersion.ANY, draft);
    }

    /**
     * The same, for an edit of the version {@code expected}: when the integration has moved on since, the
     * rules that depend on its stored values (which the caller has not seen) are left to the edit, which
     * is refused as stale.
     */
    List<InvalidValue> violations(
            Caller caller, Optional<IntegrationId> edited, ExpectedVersion expected, PartialDraft draft);

    Receipt activate(Caller caller, IntegrationId id, ExpectedVersion expected);

    Receipt deactivate(Caller caller, IntegrationId id, ExpectedVersion expected);
}
