package io.integrationregistry.adapters.rest.admin;

import io.integrationregistry.adapters.rest.security.Role;
import io.integrationregistry.application.projections.port.in.ForAdministeringProjections;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Rebuilding a read model from the event store while the service keeps serving. A read model holds every
 * company's data, so this is for the service's operators only ({@code OPERATOR}), never for one company's
 * administrator.
 */
@RestController
@RequestMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration")
class ProjectionsRestController {

    private final ForAdministeringProjections projections;

    ProjectionsRestController(ForAdministeringProjections projections) {
        this.projections = projections;
    }

    @GetMapping
    @Operation(summary = "Status of the projections", description = "Running, replaying, position and lag.")
    List<ProjectionStatus> status(Authentication authentication) {
        requireOperator(authentication);
        return projections.projections();
    }

    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Rebuild a projection",
            description = "Resets it and replays every event into it; "
                    + "answers 202 at once, follow the progress in the status.")
    List<ProjectionStatus> replay(Authentication authentication, @PathVariable String name) {
        requireOperator(authentication);
        projections.rebuild(name);
        return projections.projections();
    }

    /** The security filters already require the role; this keeps the rule beside the operations it guards. */
    private static void requireOperator(Authentication authentication) {
        boolean operator = authentication != null
                && authentication.getAuthorities().stream()
                        .anyMatch(authority -> Role.OPERATOR.authority().equals(authority.getAuthority()));
        if (!operator) {
            throw new AccessDeniedException("only operators of the service administer projections");
        }
    }
}
