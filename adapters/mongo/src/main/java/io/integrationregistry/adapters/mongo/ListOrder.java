package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import org.springframework.data.domain.Sort;

import static io.integrationregistry.adapters.mongo.ListEntry.ID;
import static io.integrationregistry.adapters.mongo.ListEntry.NAME_KEY;
import static io.integrationregistry.adapters.mongo.ListEntry.STATUS;
import static io.integrationregistry.adapters.mongo.ListEntry.UPDATED_AT;

/**
 * The order of the list's pages. Every order ends on the identifier, so that entries equal on the sort key keep
 * one order from page to page; every key goes the same way, so that an index of the company and the same keys
 * (company_name_id, company_status_name_id, company_updated) serves it in either direction.
 */
final class ListOrder {

    private ListOrder() {}

    static Sort of(IntegrationQuery query) {
        Sort.Direction direction =
                query.direction() == IntegrationQuery.Direction.DESC ? Sort.Direction.DESC : Sort.Direction.ASC;
        return switch (query.sort()) {
            case NAME -> Sort.by(direction, NAME_KEY, ID);
            case STATUS -> Sort.by(direction, STATUS, NAME_KEY, ID);
            case UPDATED_AT -> Sort.by(direction, UPDATED_AT, ID);
        };
    }
}
