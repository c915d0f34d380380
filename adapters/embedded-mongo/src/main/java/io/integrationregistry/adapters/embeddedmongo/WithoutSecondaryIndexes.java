package io.integrationregistry.adapters.embeddedmongo;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * A database of the embedded server. The server keeps only the {@code _id} index and unique indexes; a
 * secondary index the service asks for (as it does of MongoDB) is accepted and recorded but keeps nothing,
 * so a query on its keys scans the collection. The server itself warns of each such index at every start;
 * the embedded server says it once instead, when it starts.
 */
final class WithoutSecondaryIndexes extends H2Database {

    WithoutSecondaryIndexes(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new EmptyIndex<>(indexName, keys);
    }
}
