package io.integrationregistry.adapters.mongo;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

import java.util.List;

import static io.integrationregistry.adapters.mongo.ListEntry.COMPANY_ID;
import static io.integrationregistry.adapters.mongo.ListEntry.ID;
import static io.integrationregistry.adapters.mongo.ListEntry.NAME_KEY;
import static io.integrationregistry.adapters.mongo.ListEntry.STATUS;
import static io.integrationregistry.adapters.mongo.ListEntry.UPDATED_AT;

/**
 * The integration list's indexes, one per order of its pages (see {@link ListOrder}). Each ends on the identifier,
 * the tie-break of every order, so that a page is read in index order without sorting the company's entries. The
 * indexes of earlier starts that lacked it are dropped once their successors exist.
 */
final class ListIndexes {

    private static final List<String> SUPERSEDED = List.of("company_name", "company_status_name");

    private ListIndexes() {}

    static void ensure(IndexOperations indexes) {
        indexes.createIndex(new Index()
                .on(COMPANY_ID, Sort.Direction.ASC)
                .on(NAME_KEY, Sort.Direction.ASC)
                .on(ID, Sort.Direction.ASC)
                .named("company_name_id"));
        indexes.createIndex(new Index()
                .on(COMPANY_ID, Sort.Direction.ASC)
                .on(STATUS, Sort.Direction.ASC)
                .on(NAME_KEY, Sort.Direction.ASC)
                .on(ID, Sort.Direction.ASC)
                .named("company_status_name_id"));
        indexes.createIndex(new Index()
                .on(COMPANY_ID, Sort.Direction.ASC)
                .on(UPDATED_AT, Sort.Direction.ASC)
                .on(ID, Sort.Direction.ASC)
                .named("company_updated"));
        indexes.getIndexInfo().stream()
                .map(IndexInfo::getName)
                .filter(SUPERSEDED::contains)
                .forEach(indexes::dropIndex);
    }
}
