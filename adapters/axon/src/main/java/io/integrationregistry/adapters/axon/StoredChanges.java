package io.integrationregistry.adapters.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which integrations the events stored since a position belong to, read from the event store itself: the counter
 * of positions by {@code _id}, and only when it moved, the new positions by their unique index. A position taken
 * but not yet filled (an append under way) is asked for again at the next read until it is filled or voided, so
 * that no change is missed however the appends of the instances interleave.
 */
final class StoredChanges {

    /** Positions read at most at once; a reader further behind forgets everything instead. */
    static final int KEPT = 512;

    /** What a read found: the position read up to, the integrations changed, and whether some could not be told. */
    record Seen(long position, Set<String> integrations, boolean missedSome) {}

    private final MongoCollection<Document> events;
    private final EventPositions positions;
    private final Set<Long> pending = new TreeSet<>();

    StoredChanges(MongoCollection<Document> events, EventPositions positions) {
        this.events = events;
        this.positions = positions;
    }

    /** The last position taken now: where a new reader starts. */
    long head() {
        pending.clear();
        return positions.last();
    }

    /** The integrations of the events stored since {@code seen}, and of the positions still awaited before. */
    Seen since(long seen) {
        long last = positions.last();
        if (last < seen || last - seen + pending.size() > KEPT) {
            // The store was reset, or the reader fell further behind than it reads at once.
            pending.clear();
            return new Seen(last, Set.of(), true);
        }
        List<Long> wanted = new ArrayList<>(pending);
        for (long position = seen + 1; position <= last; position++) {
            wanted.add(position);
        }
        if (wanted.isEmpty()) {
            return new Seen(last, Set.of(), false);
        }
        Set<Long> missing = new TreeSet<>(wanted);
        Set<String> integrations = new TreeSet<>();
        for (Document stored : events.find(Filters.in(EventKeys.POSITION, wanted))
                .projection(Projections.include(EventKeys.POSITION, "aggregateIdentifier"))) {
            missing.remove(((Number) stored.get(EventKeys.POSITION)).longValue());
            String integration = stored.getString("aggregateIdentifier");
            if (integration != null) {
                integrations.add(integration);
            }
        }
        pending.clear();
        pending.addAll(missing);
        return new Seen(last, integrations, false);
    }
}
