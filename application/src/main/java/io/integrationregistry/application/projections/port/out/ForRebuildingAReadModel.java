package io.integrationregistry.application.projections.port.out;

import io.integrationregistry.application.integrations.port.out.RecordedEvent;

import java.util.List;
import java.util.Optional;

/**
 * A read model rebuilt from the first event beside the one it serves. The served model goes on receiving
 * every new event from its own feed and answering reads; a feed of its own delivers every event, from the
 * first, to the model being rebuilt, which is made the served one only once that feed has handled every event
 * stored before the rebuild began. Where a rebuild stands is kept in the store, not in one instance's memory:
 * every instance sharing the store follows the same rebuild.
 */
public interface ForRebuildingAReadModel {

    /**
     * Asks for a rebuild. Answers false, changing nothing, when one is already under way. The rebuild only
     * begins once no feed of an earlier one runs anywhere (see {@link #preparing()}).
     */
    boolean requestRebuild();

    /** Whether a rebuild was asked for and waits for its feed to be set up. */
    boolean preparing();

    /**
     * The rebuild feed is set up to start from the first event, and no instance runs it yet: an empty model is
     * made beside the served one, to hold every event up to {@code upTo}, the newest one stored (in the event
     * feed's own notation; empty when none is). Of several instances calling it at once, one sets the rebuild
     * up; for the others it changes nothing.
     */
    void replayStarted(String upTo);

    /** The {@code upTo} of the rebuild under way, until it is finished: while present, the rebuild feed runs. */
    Optional<String> replayingUpTo();

    /** An event, as the rebuild feed delivers it: into the model being rebuilt only. */
    void applyToRebuild(RecordedEvent event);

    /**
     * Several events in the order the rebuild feed delivered them, written together: the same model as
     * {@link #applyToRebuild} of each in turn, and as safe to repeat in whole or in part.
     */
    default void applyAllToRebuild(List<RecordedEvent> events) {
        events.forEach(this::applyToRebuild);
    }

    /**
     * Segment {@code segment} of the rebuild feed's {@code segments} has handled every event up to
     * {@link #replayingUpTo()}. The call that finds every segment caught up brings the served model to the
     * rebuilt one and answers true.
     */
    boolean caughtUp(int segment, int segments);

    /** Whether a rebuild is under way. */
    boolean rebuilding();
}
