package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.InvalidValue;

import java.util.Optional;

/**
 * A page of a company's integrations, optionally filtered by status and by a part of the name or of the base API
 * URL ({@code nameContains} names the search text), sorted by {@code sort} in {@code direction}; integrations
 * equal on the sort key keep one order between pages (the list breaks ties on the identifier).
 */
public record IntegrationQuery(
        Optional<IntegrationStatus> status,
        Optional<String> nameContains,
        int page,
        int size,
        SortKey sort,
        Direction direction) {

    public static final int MAX_SIZE = 200;

    /** What the list is sorted by; within one status, by name. */
    public enum SortKey {
        NAME,
        STATUS,
        UPDATED_AT
    }

    public enum Direction {
        ASC,
        DESC
    }

    public IntegrationQuery {
        status = status == null ? Optional.empty() : status;
        nameContains = nameContains == null
                ? Optional.empty()
                : nameContains.map(String::strip).filter(part -> !part.isEmpty());
        sort = sort == null ? SortKey.NAME : sort;
        direction = direction == null ? Direction.ASC : direction;
        if (page < 0) {
            throw new InvalidValue("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidValue("size", "must be between 1 and " + MAX_SIZE);
        }
    }

    /** Sorted by name, A to Z. */
    public IntegrationQuery(Optional<IntegrationStatus> status, Optional<String> nameContains, int page, int size) {
        this(status, nameContains, page, size, SortKey.NAME, Direction.ASC);
    }

    public static IntegrationQuery firstPage(int size) {
        return new IntegrationQuery(Optional.empty(), Optional.empty(), 0, size);
    }
}
