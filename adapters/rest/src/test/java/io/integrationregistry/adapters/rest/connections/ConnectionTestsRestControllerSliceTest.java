package io.integrationregistry.adapters.rest.connections;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.documents.TooManyProviderCalls;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Connection tests over HTTP: typed or saved values reach the testing port; its report or refusal comes back. */
class ConnectionTestsRestControllerSliceTest extends WebLayerSlice {

    private static final IntegrationId ID = new IntegrationId(INTEGRATION);
    private static final ConnectionReport REPORT = ConnectionReport.of(List.of(
            new ConnectionReport.Step("reachable", ConnectionReport.Outcome.PASSED, 42L, "serviceInfo answered"),
            new ConnectionReport.Step(
                    "serviceInfo",
                    ConnectionReport.Outcome.PASSED,
                    42L,
                    "the provider answered serviceInfo",
                    java.util.Map.of("publisher", "Acme Docs")),
            new ConnectionReport.Step("authenticated", ConnectionReport.Outcome.FAILED, 17L, "the provider said 401"),
            new ConnectionReport.Step("listedRoot", ConnectionReport.Outcome.SKIPPED, null, "not authenticated")));
    private static final String TYPED = """
            {"name": "CRM files", "baseApiUrl": "https://crm.example.com/api",
             "authentication": {"type": "API_KEY", "apiKey": "k-0123456789abcdef"}}""";

    // --- inputs mapped to the port, answers rendered ---

    @Test
    void valuesTypedForANewIntegrationAreTestedAndTheReportRendered() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationDraft.class)))
                .thenReturn(REPORT);

        mvc.perform(post("/api/integrations/test")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TYPED)
                        .header("X-Request-Id", "req-test-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.steps[0].name").value("reachable"))
                .andExpect(jsonPath("$.steps[0].latencyMillis").value(42))
                .andExpect(jsonPath("$.steps[0].details").isEmpty())
                .andExpect(jsonPath("$.steps[1].details.publisher").value("Acme Docs"))
                .andExpect(jsonPath("$.steps[2].outcome").value("FAILED"))
                .andExpect(jsonPath("$.steps[3].outcome").value("SKIPPED"));

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        ArgumentCaptor<IntegrationDraft> draft = ArgumentCaptor.forClass(IntegrationDraft.class);
        verify(connectionTests).test(caller.capture(), draft.capture());
        assertThat(caller.getValue().actor().login()).isEqualTo("alice");
        assertThat(caller.getValue().company()).isEqualTo(new CompanyId(COMPANY));
        assertThat(caller.getValue().origin()).isEqualTo(new Origin("req-test-1", Origin.Source.API));
        assertThat(draft.getValue().baseApiUrl().value()).isEqualTo("https://crm.example.com/api");
        assertThat(draft.getValue().authentication()).isInstanceOf(AuthenticationSpec.ApiKeySpec.class);
    }

    @Test
    void aSavedIntegrationIsTestedWithItsSavedValuesWhenNoBodyCame() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationId.class), any()))
                .thenReturn(REPORT);

        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION).with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps.length()").value(4));
        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("  \n"))
                .andExpect(status().isOk());

        verify(connectionTests, org.mockito.Mockito.times(2)).test(any(Caller.class), eq(ID), eq(Optional.empty()));
    }

    @Test
    void aSavedIntegrationIsTestedWithTheValuesBeingEdited() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationId.class), any()))
                .thenReturn(REPORT);

        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"CRM files\", \"baseApiUrl\": \"https://other.example.com\","
                                + " \"authentication\": {\"type\": \"API_KEY\"}}"))
                .andExpect(status().isOk());

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Optional<IntegrationDraft>> typed = ArgumentCaptor.forClass(Optional.class);
        verify(connectionTests).test(any(Caller.class), eq(ID), typed.capture());
        assertThat(typed.getValue()).get().satisfies(draft -> {
            assertThat(draft.baseApiUrl().value()).isEqualTo("https://other.example.com");
            // the saved key is meant: none is typed
            assertThat(draft.authentication()).isEqualTo(new AuthenticationSpec.ApiKeySpec<>(Optional.empty()));
        });
    }

    // --- failures mapped to problem details ---

    @Test
    void aSavedSecretForAnotherOriginIsABrokenField() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationId.class), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.SECRET_BOUND_TO_ORIGIN, "authentication.apiKey"));

        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"CRM\", \"baseApiUrl\": \"https://elsewhere.example\","
                                + " \"authentication\": {\"type\": \"API_KEY\"}}"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("authentication.apiKey"));
    }

    @Test
    void anUnknownIntegrationIsNotFound() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationId.class), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, INTEGRATION));

        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION).with(admin()))
                .andExpect(problem(404, "not-found"));
    }

    @Test
    void tooManyProviderCallsIsTooManyRequests() throws Exception {
        when(connectionTests.test(any(Caller.class), any(IntegrationDraft.class)))
                .thenThrow(new TooManyProviderCalls("the company's calls are all under way", Duration.ofMillis(200)));

        mvc.perform(post("/api/integrations/test")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TYPED))
                .andExpect(problem(429, "too-many-provider-calls"))
                // never less than a second
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"));
    }

    @Test
    void aStatusInTheValuesBeingEditedIsRefusedBeforeThePort() throws Exception {
        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"CRM\", \"baseApiUrl\": \"https://crm.example.com\", \"active\": true,"
                                + " \"authentication\": {\"type\": \"API_KEY\"}}"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("active"));
        mvc.perform(post("/api/integrations/test")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[1, 2]"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("body"));

        verifyNoInteractions(connectionTests);
    }

    @Test
    void onlyAdministratorsTestConnections() throws Exception {
        mvc.perform(post("/api/integrations/test")
                        .with(documentUser())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TYPED))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(connectionTests);
    }
}
