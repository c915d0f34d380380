package io.integrationregistry.adapters.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a served collection to a rebuilt one in place, document by document, so that a reader sees each
 * document either as it was or as rebuilt, and never a document missing: nothing is dropped or renamed (the
 * embedded server drops a rename's target before moving the source, and a read in between finds nothing).
 * A document of the served collection that is newer than the rebuilt one (an event applied to it while
 * this runs) is kept; one the rebuild does not have is kept too.
 */
final class RebuiltCopy {

    private static final int BATCH = 500;
    private static final int DUPLICATE_KEY = 11000;

    private RebuiltCopy() {}

    /**
     * Copies every document of {@code rebuilt} over its namesake in {@code served}; with a
     * {@code versionField}, only where the served one is not newer.
     */
    static void overServed(MongoTemplate mongo, String rebuilt, String served, String versionField) {
        List<WriteModel<Document>> batch = new ArrayList<>();
        try (MongoCursor<Document> documents =
                mongo.getCollection(rebuilt).find().batchSize(BATCH).iterator()) {
            while (documents.hasNext()) {
                Document document = documents.next();
                Bson same = Filters.eq("_id", document.get("_id"));
                if (versionField != null) {
                    same = Filters.and(same, Filters.lte(versionField, document.get(versionField)));
                }
                batch.add(new ReplaceOneModel<>(same, document, new ReplaceOptions().upsert(true)));
                if (batch.size() == BATCH) {
                    write(mongo, served, batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            write(mongo, served, batch);
        }
    }

    /** Drops a collection if it exists (the embedded server answers an error to dropping a missing one). */
    static void drop(MongoTemplate mongo, String collection) {
        if (mongo.collectionExists(collection)) {
            mongo.dropCollection(collection);
        }
    }

    private static void write(MongoTemplate mongo, String served, List<WriteModel<Document>> batch) {
        try {
            mongo.getCollection(served).bulkWrite(batch, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException partly) {
            // A duplicate key is a served document newer than the rebuilt one: the guard did not match, the
            // upsert tried to insert beside it. That document stays as it is, which is the point.
            for (BulkWriteError error : partly.getWriteErrors()) {
                if (error.getCode() != DUPLICATE_KEY) {
                    throw partly;
                }
            }
        }
    }
}
