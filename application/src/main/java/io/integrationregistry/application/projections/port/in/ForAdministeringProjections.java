package io.integrationregistry.application.projections.port.in;

import io.integrationregistry.application.projections.port.out.ProjectionStatus;

import java.util.List;

/** What administrators do with the read models: watch them, and rebuild one from the events. */
public interface ForAdministeringProjections {

    List<ProjectionStatus> projections();

    /** @throws io.integrationregistry.domain.InvalidValue when there is no projection of that name */
    void rebuild(String name);
}
