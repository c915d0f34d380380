package io.integrationregistry.adapters.axon;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.bson.Document;

import java.time.Instant;

/**
 * Where one stored event stands in the order processors read the store: its timestamp and its id. A segment
 * has reached it once its position is past that timestamp, or at it with the event among those it handled.
 * An empty position (no event stored) is reached by any segment that runs.
 */
record StoredPosition(Instant timestamp, String eventId) {

    private static final String SEPARATOR = "|";

    /** The newest event of the store, encoded; empty when the store holds none. */
    static String newest(MongoTemplate axonMongo) {
        Document newest = axonMongo
                .eventCollection()
                .find()
                .sort(Sorts.descending("timestamp", "sequenceNumber"))
                .projection(Projections.include("timestamp", "eventIdentifier"))
                .first();
        if (newest == null) {
            return "";
        }
        return Instant.parse(newest.get("timestamp").toString()) + SEPARATOR + newest.getString("eventIdentifier");
    }

    static StoredPosition decode(String encoded) {
        int separator = encoded.indexOf(SEPARATOR);
        if (separator < 0) {
            return new StoredPosition(null, null);
        }
        return new StoredPosition(Instant.parse(encoded.substring(0, separator)), encoded.substring(separator + 1));
    }

    /** Whether a segment at {@code token} has handled this event (and so every one stored before it). */
    boolean reachedBy(TrackingToken token) {
        // During a replay the token wraps the position reached under the one before the reset: the lower bound is the
        // former.
        if (timestamp == null) {
            return true;
        }
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        if (!(position instanceof MongoTrackingToken mongo)) {
            return false;
        }
        return mongo.getTimestamp().isAfter(timestamp)
                || (!mongo.getTimestamp().isBefore(timestamp)
                        && mongo.getKnownEventIds().contains(eventId));
    }
}
