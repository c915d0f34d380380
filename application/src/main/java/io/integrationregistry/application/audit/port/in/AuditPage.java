package io.integrationregistry.application.audit.port.in;

import java.util.List;
import java.util.Optional;

/** Entries newest first, and the cursor of the next page if there is one. */
public record AuditPage(List<AuditEntry> items, Optional<String> next) {

    public AuditPage {
        items = List.copyOf(items);
    }
}
