package io.integrationregistry.application.port.out;

/**
 * A read model rebuilt from the first event beside the one it replaces: while the replay runs, reads keep
 * the served model, which still receives every new event; the rebuilt one also receives them, and is made
 * the served one only once the replay has caught up everywhere. Where a rebuild stands is kept in the
 * store, not in one instance's memory: several instances may share the replay's segments.
 */
public interface ForRebuildingAReadModel {

    /** Starts a rebuild: an empty model is built beside the served one, which keeps answering reads. */
    void reset();

    /** An event the replay delivers again: it goes to the model being built only. */
    void applyReplayed(RecordedEvent event);

    /**
     * The replay is set up: from now on, once every segment has caught up, the rebuild may be finished. A
     * reset whose replay never got set up is never finished (nor harmful): the next reset starts afresh.
     */
    void replayStarted();

    /**
     * Segment {@code segment} of {@code segments} has handled every replayed event. The call that finds
     * every segment caught up brings the served model to the rebuilt one and answers true.
     */
    boolean caughtUp(int segment, int segments);

    /** Whether a rebuild is under way. */
    boolean rebuilding();
}
