package io.integrationregistry.adapters.axon;

import com.mongodb.ReadConcern;
import com.mongodb.ReadPreference;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order of the event store: every stored event has a position, 1, 2, 3, … given out by one counter document
 * ({@code event_positions}, read and written by {@code _id} only). An append takes as many positions as it stores
 * events, before it stores them, so a position can be taken and not (yet) filled: an append under way, or one that
 * failed. Processors read the store by position, never by time, so the clocks of the instances do not decide what
 * they see.
 */
final class EventPositions {

    static final String COLLECTION = "event_positions";
    private static final String EVENTS = "events";
    private static final String LAST = "last";

    private final MongoCollection<Document> counters;
    private final AtomicLong known = new AtomicLong();

    EventPositions(MongoDatabase database) {
        this.counters = database.withReadConcern(ReadConcern.MAJORITY)
                .withReadPreference(ReadPreference.primary())
                .getCollection(COLLECTION);
    }

    /**
     * Takes {@code count} positions, within {@code timeout}; answers the first. The counter moves from the value
     * this instance last saw to that plus {@code count} only if it still holds that value (a compare-and-set, one
     * write); if another instance moved it meanwhile, the counter is read and the set tried again. This instance's
     * own appends take their turn here, so they do not race each other for it.
     */
    synchronized long take(int count, Duration timeout) {
        MongoCollection<Document> bounded = counters.withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long seen = known.get();
        while (true) {
            UpdateResult set = bounded.updateOne(
                    Filters.and(Filters.eq("_id", EVENTS), Filters.eq(LAST, seen)), Updates.set(LAST, seen + count));
            if (set.getModifiedCount() == 1) {
                known.accumulateAndGet(seen + count, Math::max);
                return seen + 1;
            }
            Document counter = bounded.find(Filters.eq("_id", EVENTS)).first();
            if (counter == null) {
                atLeast(0);
                seen = 0;
            } else {
                seen = ((Number) counter.get(LAST)).longValue();
            }
        }
    }

    /** The last position taken, read from the store. */
    long last() {
        Document counter = counters.find(Filters.eq("_id", EVENTS)).first();
        long last = counter == null ? 0 : ((Number) counter.get(LAST)).longValue();
        known.accumulateAndGet(last, Math::max);
        return last;
    }

    /** The last position this instance has seen taken, without reading the store. */
    long lastKnown() {
        return known.get();
    }

    /** Whether the counter exists: the store is laid out by position. */
    boolean exist() {
        return counters.find(Filters.eq("_id", EVENTS)).first() != null;
    }

    /** Sets the counter to at least {@code last}, creating it if need be. */
    void atLeast(long last) {
        counters.updateOne(Filters.eq("_id", EVENTS), Updates.max(LAST, last), new UpdateOptions().upsert(true));
        known.accumulateAndGet(last, Math::max);
    }
}
