package io.integrationregistry.application.projections.port.out;

import java.util.List;

/** The projections' processors: their status, and rebuilding one from the first event. */
public interface ForReplayingProjections {

    List<ProjectionStatus> status();

    /**
     * Rebuilds the projection from the first event beside the served one, which keeps serving (and keeps
     * receiving new events) until the rebuilt one replaces it; answers once the rebuild is asked for.
     *
     * @throws IllegalArgumentException when there is no projection of that name
     * @throws RebuildUnderWay when a rebuild of it is under way
     */
    void replay(String name);
}
