package io.integrationregistry.application.audit.port.in;

import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What auditors ask: who changed what and when, and what an integration was at any moment. */
public interface ForAuditing {

    AuditPage trail(CompanyId company, AuditQuery query, Optional<String> cursor, int size);

    void export(CompanyId company, AuditQuery query, Consumer<AuditEntry> sink);

    /** The integration's events straight from the event store; empty when it is not the company's. */
    List<RecordedEvent> history(CompanyId company, IntegrationId id);

    /** The integration as it was at {@code instant}; empty before it existed. */
    Optional<IntegrationView> asOf(CompanyId company, IntegrationId id, Instant instant);

    /** The integration as it was at {@code version}; empty when it never had that version. */
    Optional<IntegrationView> atVersion(CompanyId company, IntegrationId id, long version);
}
