package io.integrationregistry.adapters.axon;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * How stored events are found without a secondary index: each event's {@code _id} is its integration and sequence
 * number ({@code <aggregate>:<sequence>}), so an integration's events are read by their keys, a few at a time,
 * however many events the store holds; the {@code _id} also keeps two events from taking one sequence number.
 * A position taken by an append that stored nothing holds a void document whose {@code _id} is the position
 * itself (a number, never equal to a key).
 */
final class EventKeys {

    static final String POSITION = "position";
    static final String POSITION_INDEX = "uniquePosition";
    /** Keys asked for first; each further read asks for twice as many, up to {@link #MOST_KEYS}. */
    private static final int FIRST_READ = 8;
    /**
     * The most keys or positions asked for in one query: the embedded server matches each document it finds
     * against the whole list, so a query's cost grows with the square of its list.
     */
    static final int MOST_KEYS = 128;

    private EventKeys() {}

    static String key(String aggregate, long sequence) {
        return aggregate + ":" + sequence;
    }

    /** The void standing in for an event that was not stored at {@code position}. */
    static Document voidAt(long position) {
        return new Document("_id", position).append(POSITION, position);
    }

    /** Fills the positions an append did not fill with voids; a position its events did fill stays as it is. */
    static void voidAll(MongoCollection<Document> eventCollection, long first, int count) {
        List<Document> voids = new ArrayList<>(count);
        for (long position = first; position < first + count; position++) {
            voids.add(voidAt(position));
        }
        try {
            eventCollection.insertMany(voids, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException taken) {
            // positions the append did fill, or a reader voided already: nothing to do there
        } catch (RuntimeException unreachable) {
            // the readers void them once they have waited for them (see TrackedReads)
        }
    }

    /** Whether every write the bulk write refused was refused as a duplicate key. */
    static boolean onlyDuplicates(MongoBulkWriteException refused) {
        return refused.getWriteConcernError() == null
                && refused.getWriteErrors().stream()
                        .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
    }

    /** Whether the bulk write was refused because a position it wrote was taken already (by a void). */
    static boolean refusedOnPosition(MongoBulkWriteException refused) {
        return refused.getWriteErrors().stream()
                .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY
                        && error.getMessage() != null
                        && error.getMessage().contains(POSITION_INDEX));
    }

    static boolean isVoid(Document stored) {
        return stored.get("_id") instanceof Number;
    }

    /**
     * The integration's events from {@code first} on, in sequence order, at most {@code limit}: read by key,
     * {@value #FIRST_READ} keys first, then twice as many each time a read came back full.
     */
    static <T> List<T> read(
            MongoCollection<Document> events,
            String aggregate,
            long first,
            int limit,
            String sequenceField,
            Function<Document, T> extract) {
        List<Document> found = new ArrayList<>();
        long next = first;
        int ask = Math.min(FIRST_READ, limit);
        while (ask > 0) {
            List<String> keys = new ArrayList<>(ask);
            for (long sequence = next; sequence < next + ask; sequence++) {
                keys.add(key(aggregate, sequence));
            }
            List<Document> read = events.find(Filters.in("_id", keys)).into(new ArrayList<>());
            found.addAll(read);
            if (read.size() < ask) {
                break;
            }
            next += ask;
            ask = Math.min(Math.min(ask * 2, MOST_KEYS), limit - found.size());
        }
        found.sort(Comparator.comparingLong(document -> ((Number) document.get(sequenceField)).longValue()));
        List<T> result = new ArrayList<>(found.size());
        long expected = first;
        for (Document document : found) {
            // Only the run without a hole: a sequence number is never skipped within one integration.
            if (((Number) document.get(sequenceField)).longValue() != expected) {
                break;
            }
            result.add(extract.apply(document));
            expected++;
        }
        return result;
    }
}
