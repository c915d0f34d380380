package io.integrationregistry.adapters.axon;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import org.bson.BsonType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a store written before events had keys and positions into the layout the service reads: once, at the
 * first start on such a store, before any command or processor runs. The old events are set aside into another
 * collection first (so that a crash half-way leaves each of them in one of the two, and the next start carries
 * on), then copied back in their order of time, each event under its key and at its position. Processors whose tokens are of the old kind read
 * the store again from the start; the projections are idempotent. The set-aside collection is kept for the operator to
 * drop; old snapshots are dropped (they are rebuilt).
 */
final class PositionedLayout {

    static final String BEFORE_POSITIONS = "domainevents_before_positions";
    private static final Logger log = LoggerFactory.getLogger(PositionedLayout.class);
    private static final int BATCH = 1_000;

    private PositionedLayout() {}

    static void ensure(
            MongoDatabase database,
            MongoCollection<Document> events,
            MongoCollection<Document> snapshots,
            EventPositions positions) {
        if (positions.exist()) {
            return;
        }
        Bson old = Filters.exists(EventKeys.POSITION, false);
        if (events.find(old).first() == null && !exists(database, BEFORE_POSITIONS)) {
            positions.atLeast(0);
            return;
        }
        // Set aside first, whole, then removed: a start interrupted at any point finds every old event in one of the
        // two collections, and carries on.
        MongoCollection<Document> before = database.getCollection(BEFORE_POSITIONS);
        List<Document> batch = new ArrayList<>(BATCH);
        for (Document event : events.find(old)) {
            batch.add(event);
            if (batch.size() == BATCH) {
                insertMissing(before, batch);
            }
        }
        insertMissing(before, batch);
        events.deleteMany(old);
        log.info("Giving the {} stored events keys and positions (once)", before.estimatedDocumentCount());
        long position = 0;
        for (Document event : before.find()
                .sort(Sorts.ascending("timestamp", "sequenceNumber", "_id"))
                // a store of any size: MongoDB may sort it on disk
                .allowDiskUse(true)) {
            position++;
            Document copy = new Document(event);
            copy.put(
                    "_id",
                    EventKeys.key(
                            event.getString("aggregateIdentifier"),
                            ((Number) event.get("sequenceNumber")).longValue()));
            copy.put(EventKeys.POSITION, position);
            batch.add(copy);
            if (batch.size() == BATCH) {
                insertMissing(events, batch);
            }
        }
        insertMissing(events, batch);
        snapshots.deleteMany(Filters.type("_id", BsonType.OBJECT_ID));
        positions.atLeast(position);
        log.info("The event store is laid out by position; {} may be dropped", BEFORE_POSITIONS);
    }

    /** Inserts the batch; documents a start interrupted before had already copied stay as they are. */
    private static void insertMissing(MongoCollection<Document> events, List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            events.insertMany(batch, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException copiedBefore) {
            if (!EventKeys.onlyDuplicates(copiedBefore)) {
                throw copiedBefore;
            }
            // copied by an earlier, interrupted start
        }
        batch.clear();
    }

    private static boolean exists(MongoDatabase database, String collection) {
        for (String name : database.listCollectionNames()) {
            if (name.equals(collection)) {
                return true;
            }
        }
        return false;
    }
}
