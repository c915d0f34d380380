package io.integrationregistry.adapters.rest.admin;

import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import java.util.List;

/** {@code /actuator/projections}: each read model's processor, whether it replays, its position and lag. */
@Endpoint(id = "projections")
public class ProjectionsEndpoint {

    private final ForAdministeringProjections projections;

    public ProjectionsEndpoint(ForAdministeringProjections projections) {
        this.projections = projections;
    }

    @ReadOperation
    public List<ProjectionStatus> projections() {
        return projections.projections();
    }
}
