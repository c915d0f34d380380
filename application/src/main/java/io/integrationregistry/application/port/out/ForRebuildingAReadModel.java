package io.integrationregistry.application.port.out;

import java.util.Optional;

/**
 * A read model rebuilt from the first event beside the one it replaces: while the replay runs, reads keep
 * the served model, which still receives every event delivered (a replayed one changes nothing there, a new
 * one is applied at once); the rebuilt one receives them too, and is made the served one only once every
 * segment has handled the events stored before the replay began. Where a rebuild stands is kept in the store,
 * not in one instance's memory: several instances may share the replay's segments.
 */
public interface ForRebuildingAReadModel {

    /** Starts a rebuild: an empty model is built beside the served one, which keeps answering reads. */
    void reset();

    /**
     * The replay is set up to deliver every event up to {@code upTo}, the newest one stored (in the event
     * feed's own notation; empty when none is). A reset whose replay never got set up is never finished
     * (nor harmful): the next reset starts afresh.
     */
    void replayStarted(String upTo);

    /** The {@code upTo} of the replay under way, until its rebuild is finished. */
    Optional<String> replayingUpTo();

    /**
     * Segment {@code segment} of {@code segments} has handled every event up to {@link #replayingUpTo()}. The
     * call that finds every segment caught up brings the served model to the rebuilt one and answers true.
     */
    boolean caughtUp(int segment, int segments);

    /** Whether a rebuild is under way. */
    boolean rebuilding();
}
