package io.integrationregistry.application.documents.port.in;

import io.integrationregistry.application.documents.port.out.ProviderCallRecord;

import java.util.List;
import java.util.Optional;

/** Provider calls newest first, and the cursor of the next page if there is one. */
public record ProviderCallPage(List<ProviderCallRecord> items, Optional<String> next) {

    public ProviderCallPage {
        items = List.copyOf(items);
        next = next == null ? Optional.empty() : next;
    }
}
