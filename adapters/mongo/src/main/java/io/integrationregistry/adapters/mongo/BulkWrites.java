package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.List;

/**
 * One unordered bulk write of a projection batch, each of its writes guarded so that the order they are
 * applied in does not matter (one write per document). A duplicate key is a guard that did not match: the
 * document is already there, as new as the write or newer, and stays as it is.
 */
final class BulkWrites {

    private static final int DUPLICATE_KEY = 11000;

    private BulkWrites() {}

    static void unordered(MongoCollection<Document> collection, List<WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            for (BulkWriteError error : partly.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw partly;
                }
            }
            if (partly.getWriteConcernError() != null) {
                throw partly;
            }
        }
    }
}
