package io.integrationregistry.application.projections;

import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ForCountingPoisonedEvents;
import io.integrationregistry.application.projections.port.out.ForReplayingProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.integrationregistry.domain.InvalidValue;

import java.util.List;

/** Rebuilds read models by replaying the event stream into them; the events are never touched. */
public final class ProjectionService implements ForAdministeringProjections {

    private final ForReplayingProjections processors;
    private final ForCountingPoisonedEvents poisoned;

    public ProjectionService(ForReplayingProjections processors) {
        this(processors, projection -> 0);
    }

    public ProjectionService(ForReplayingProjections processors, ForCountingPoisonedEvents poisoned) {
        this.processors = processors;
        this.poisoned = poisoned;
    }

    @Override
    public List<ProjectionStatus> projections() {
        return processors.status().stream()
                .map(status -> status.withPoisoned(poisoned.poisoned(status.name())))
                .toList();
    }

    @Override
    public void rebuild(String name) {
        boolean known =
                processors.status().stream().anyMatch(status -> status.name().equals(name));
        if (!known) {
            throw new InvalidValue(
                    "name",
                    "must be one of the projections: "
                            + processors.status().stream()
                                    .map(ProjectionStatus::name)
                                    .toList());
        }
        processors.replay(name);
    }
}
