package io.integrationregistry.application.audit.port.out;

import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.domain.CompanyId;

import java.util.Optional;
import java.util.function.Consumer;

/** The audit trail of a company, in the order the query asks for (newest first unless oldest first). */
public interface ForQueryingTheAuditTrail {

    /**
     * One page; {@code cursor} is the {@code next} of the page before, of the same query. Pages are stable under concurrent
     * writes: an entry added meanwhile never shifts or repeats what the cursor already passed.
     */
    AuditPage page(CompanyId company, AuditQuery query, Optional<String> cursor, int size);

    /** Every matching entry, streamed one by one in constant memory. */
    void export(CompanyId company, AuditQuery query, Consumer<AuditEntry> sink);
}
