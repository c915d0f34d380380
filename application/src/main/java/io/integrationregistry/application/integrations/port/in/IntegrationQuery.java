package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.InvalidValue;

import java.util.Optional;

/** A page of a company's integrations, sorted by name, optionally filtered by status and name part. */
public record IntegrationQuery(Optional<IntegrationStatus> status, Optional<String> nameContains, int page, int size) {

    public static final int MAX_SIZE = 200;

    public IntegrationQuery {
        status = status == null ? Optional.empty() : status;
        nameContains = nameContains == null
                ? Optional.empty()
                : nameContains.map(String::strip).filter(part -> !part.isEmpty());
        if (page < 0) {
            throw new InvalidValue("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValue("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    public static IntegrationQuery firstPage(int size) {
        return new IntegrationQuery(Optional.empty(), Optional.empty(), 0, size);
    }
}
