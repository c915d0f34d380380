package io.integrationregistry.adapters.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Where one stored event stands in the order processors read the store: its position (see
 * {@link EventPositions}). A segment has reached it once its token is at that position or past it. An empty
 * position (no event stored) is reached by any segment that runs.
 */
record StoredPosition(long position) {

    /** The newest event of the store, encoded; empty when the store holds none. */
    static String newest(EventStore eventStore) {
        long newest = TrackedReads.positionOf(eventStore.createHeadToken());
        return newest == 0 ? "" : Long.toString(newest);
    }

    /** An encoded position; one of another form (from before positions) is reached by any segment. */
    static StoredPosition decode(String encoded) {
        try {
            return new StoredPosition(Long.parseLong(encoded));
        } catch (NumberFormatException unknown) {
            return new StoredPosition(0);
        }
    }

    /** Whether a segment at {@code token} has handled this event (and so every one stored before it). */
    boolean reachedBy(TrackingToken token) {
        if (position == 0) {
            return true;
        }
        // During a replay the token wraps the position reached under the one before the reset: the lower bound is
        // the former.
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return reached != null && TrackedReads.positionOf(reached) >= position;
    }
}
