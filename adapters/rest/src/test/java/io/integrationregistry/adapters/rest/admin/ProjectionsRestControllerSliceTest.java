package io.integrationregistry.adapters.rest.admin;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.projections.port.out.ProjectionStatus;
import io.integrationregistry.application.projections.port.out.RebuildUnderWay;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.InvalidValue;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.List;

import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The projections' administration over HTTP: the operator's status and rebuild reach the administration port. */
class ProjectionsRestControllerSliceTest extends WebLayerSlice {

    private static final String PROJECTION = "integration-list";
    private static final ProjectionStatus RUNNING = new ProjectionStatus(PROJECTION, true, false, 120L, 0L, null, 2);
    private static final ProjectionStatus REPLAYING = new ProjectionStatus(PROJECTION, true, true, 12L, 108L, null);

    // --- inputs mapped to the port, answers rendered ---

    @Test
    void theStatusOfEveryProjectionIsRendered() throws Exception {
        when(projections.projections()).thenReturn(List.of(RUNNING));

        mvc.perform(get("/api/admin/projections").with(operator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].name").value(PROJECTION))
                .andExpect(jsonPath("$[0].running").value(true))
                .andExpect(jsonPath("$[0].replaying").value(false))
                .andExpect(jsonPath("$[0].position").value(120))
                .andExpect(jsonPath("$[0].lag").value(0))
                .andExpect(jsonPath("$[0].poisoned").value(2));
    }

    @Test
    void aRebuildOfTheNamedProjectionIsAcceptedAndAnswersTheStatusAfterIt() throws Exception {
        when(projections.projections()).thenReturn(List.of(REPLAYING));

        mvc.perform(post("/api/admin/projections/{name}/replay", PROJECTION).with(operator()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$[0].replaying").value(true))
                .andExpect(jsonPath("$[0].lag").value(108));

        InOrder order = inOrder(projections);
        order.verify(projections).rebuild(PROJECTION);
        order.verify(projections).projections();
    }

    // --- failures mapped to problem details ---

    @Test
    void aRebuildUnderWayIsAConflict() throws Exception {
        doThrow(new RebuildUnderWay(PROJECTION)).when(projections).rebuild(PROJECTION);

        mvc.perform(post("/api/admin/projections/{name}/replay", PROJECTION).with(operator()))
                .andExpect(problem(409, "rebuild-under-way"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(PROJECTION)));

        verify(projections, never()).projections();
    }

    @Test
    void anUnknownProjectionIsABrokenField() throws Exception {
        doThrow(new InvalidValue("name", "is not a projection of this service"))
                .when(projections)
                .rebuild("nope");

        mvc.perform(post("/api/admin/projections/{name}/replay", "nope").with(operator()))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].rule").value("is not a projection of this service"));
    }

    @Test
    void anUnreachableEventStoreIsServiceUnavailable() throws Exception {
        when(projections.projections()).thenThrow(new StorageUnavailable("token store unreachable", null));

        mvc.perform(get("/api/admin/projections").with(operator())).andExpect(problem(503, "storage-unavailable"));
    }

    @Test
    void aCompanysAdministratorMayNotAdministerProjections() throws Exception {
        mvc.perform(get("/api/admin/projections").with(admin())).andExpect(problem(403, "forbidden"));
        mvc.perform(post("/api/admin/projections/{name}/replay", PROJECTION).with(admin()))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(projections);
    }
}
