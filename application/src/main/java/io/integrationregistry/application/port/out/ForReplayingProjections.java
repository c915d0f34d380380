package io.integrationregistry.application.port.out;

import java.util.List;

/** The projections' processors: their status, and rebuilding one from the first event. */
public interface ForReplayingProjections {

    List<ProjectionStatus> status();

    /**
     * Resets the projection and replays every event into it while the service keeps serving.
     *
     * @throws IllegalArgumentException when there is no projection of that name
     */
    void replay(String name);
}
