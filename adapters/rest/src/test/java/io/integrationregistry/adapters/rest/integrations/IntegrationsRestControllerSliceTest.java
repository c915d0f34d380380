package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.integrations.IdempotencyKeyReused;
import io.integrationregistry.application.integrations.IdempotencyStillInFlight;
import io.integrationregistry.application.integrations.NameAlreadyTaken;
import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.shared.SecretUnreadable;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.PlainSecret;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The integrations resource over HTTP: requests reach the management and reading ports; their answers and failures come back. */
class IntegrationsRestControllerSliceTest extends WebLayerSlice {

    private static final String API_KEY = "k-0123456789abcdef";
    private static final String NEW_INTEGRATION = """
            {"name": "CRM files", "baseApiUrl": "https://crm.example.com/api", "active": false,
             "requestParameters": "tenant=7",
             "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(API_KEY);
    private static final String EDITED_INTEGRATION = """
            {"name": "CRM archive", "baseApiUrl": "https://archive.example.com",
             "authentication": {"type": "API_KEY"}}""";

    // --- inputs mapped to the ports, answers rendered ---

    @Test
    void aNewIntegrationReachesThePortWithItsCallerDraftStatusAndIdempotencyKey() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenReturn(receipt(1, IntegrationStatus.INACTIVE));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(NEW_INTEGRATION)
                        .header("Idempotency-Key", "create-crm-1")
                        .header("X-Request-Id", "req-add-1")
                        .header("X-Registry-Source", "ui"))
                .andExpect(status().isCreated())
                .andExpect(header().string(HttpHeaders.LOCATION, "/api/integrations/" + INTEGRATION))
                .andExpect(header().string(HttpHeaders.ETAG, "\"1\""))
                .andExpect(jsonPath("$.id").value(INTEGRATION))
                .andExpect(jsonPath("$.name").value("CRM files"))
                .andExpect(jsonPath("$.status").value("INACTIVE"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.authentication.type").value("API_KEY"))
                .andExpect(jsonPath("$.authentication.apiKey.set").value(true))
                .andExpect(jsonPath("$.authentication.apiKey.last4").value("cdef"))
                .andExpect(content().string(not(containsString(API_KEY))));

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        ArgumentCaptor<IntegrationDraft> draft = ArgumentCaptor.forClass(IntegrationDraft.class);
        ArgumentCaptor<Boolean> active = ArgumentCaptor.forClass(Boolean.class);
        @SuppressWarnings("unchecked")
        ArgumentCaptor<Optional<IdempotencyKey>> key = ArgumentCaptor.forClass(Optional.class);
        verify(management).add(caller.capture(), draft.capture(), active.capture(), key.capture());
        assertThat(caller.getValue().actor().login()).isEqualTo("alice");
        assertThat(caller.getValue().company()).isEqualTo(new CompanyId(COMPANY));
        assertThat(caller.getValue().origin()).isEqualTo(new Origin("req-add-1", Origin.Source.UI));
        assertThat(draft.getValue().name().value()).isEqualTo("CRM files");
        assertThat(draft.getValue().baseApiUrl().value()).isEqualTo("https://crm.example.com/api");
        assertThat(draft.getValue().requestParameters().value()).isEqualTo("tenant=7");
        AuthenticationSpec<PlainSecret> authentication = draft.getValue().authentication();
        assertThat(authentication).isInstanceOf(AuthenticationSpec.ApiKeySpec.class);
        assertThat(((AuthenticationSpec.ApiKeySpec<PlainSecret>) authentication)
                        .apiKey()
                        .map(PlainSecret::reveal))
                .contains(API_KEY);
        assertThat(active.getValue()).isFalse();
        assertThat(key.getValue()).get().extracting(IdempotencyKey::value).isEqualTo("create-crm-1");
        assertThat(key.getValue().get().requestDigest()).isNotBlank();
    }

    @Test
    void theIdempotencyKeyIsBoundToTheRequestItCameWith() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenReturn(receipt(1, IntegrationStatus.ACTIVE));
        String otherBody = NEW_INTEGRATION.replace("CRM files", "CRM documents");

        for (String body : List.of(NEW_INTEGRATION, NEW_INTEGRATION, otherBody)) {
            mvc.perform(post("/api/integrations")
                            .with(admin())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body)
                            .header("Idempotency-Key", "create-crm-1"))
                    .andExpect(status().isCreated());
        }

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Optional<IdempotencyKey>> keys = ArgumentCaptor.forClass(Optional.class);
        verify(management, org.mockito.Mockito.times(3)).add(any(), any(), anyBoolean(), keys.capture());
        List<String> digests = keys.getAllValues().stream()
                .map(key -> key.orElseThrow().requestDigest())
                .toList();
        assertThat(digests.get(0)).isEqualTo(digests.get(1)).isNotEqualTo(digests.get(2));
    }

    @Test
    void withoutAnIdempotencyKeyNoneReachesThePort() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenReturn(receipt(1, IntegrationStatus.ACTIVE));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(NEW_INTEGRATION.replace("\"active\": false,", "")))
                .andExpect(status().isCreated());

        verify(management).add(any(), any(), eq(true), eq(Optional.empty()));
    }

    @Test
    void theListQueryReachesThePortAndThePageIsRendered() throws Exception {
        when(reading.list(any(), any()))
                .thenReturn(new IntegrationPage(List.of(view(3, IntegrationStatus.INACTIVE)), 2, 10, 21));

        mvc.perform(get("/api/integrations")
                        .with(auditor())
                        .param("status", "inactive")
                        .param("q", "crm")
                        .param("page", "2")
                        .param("size", "10"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(INTEGRATION))
                .andExpect(jsonPath("$.items[0].status").value("INACTIVE"))
                .andExpect(jsonPath("$.page").value(2))
                .andExpect(jsonPath("$.size").value(10))
                .andExpect(jsonPath("$.total").value(21));

        verify(reading)
                .list(
                        new CompanyId(COMPANY),
                        new IntegrationQuery(Optional.of(IntegrationStatus.INACTIVE), Optional.of("crm"), 2, 10));
    }

    @Test
    void theListDefaultsToTheFirstPageOfFifty() throws Exception {
        when(reading.list(any(), any())).thenReturn(new IntegrationPage(List.of(), 0, 50, 0));

        mvc.perform(get("/api/integrations").with(documentUser())).andExpect(status().isOk());

        verify(reading).list(new CompanyId(COMPANY), IntegrationQuery.firstPage(50));
    }

    @Test
    void oneIntegrationIsReadByIdWithItsVersionAsETag() throws Exception {
        when(reading.find(any(), any())).thenReturn(Optional.of(view(4, IntegrationStatus.ACTIVE)));

        mvc.perform(get("/api/integrations/{id}", INTEGRATION).with(admin()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"4\""))
                .andExpect(jsonPath("$.id").value(INTEGRATION))
                .andExpect(jsonPath("$.baseApiUrl").value("https://crm.example.com/api"));

        verify(reading).find(new CompanyId(COMPANY), new IntegrationId(INTEGRATION));
    }

    @Test
    void aPastVersionOrInstantIsAskedOfTheAuditPort() throws Exception {
        when(auditing.atVersion(any(), any(), eq(2L))).thenReturn(Optional.of(view(2, IntegrationStatus.ACTIVE)));
        when(auditing.asOf(any(), any(), any())).thenReturn(Optional.of(view(1, IntegrationStatus.ACTIVE)));

        mvc.perform(get("/api/integrations/{id}", INTEGRATION)
                        .param("version", "2")
                        .with(auditor()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"2\""));
        mvc.perform(get("/api/integrations/{id}", INTEGRATION)
                        .param("asOf", "2026-11-28T10:15:30+01:00")
                        .with(auditor()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"1\""));

        verify(auditing).atVersion(new CompanyId(COMPANY), new IntegrationId(INTEGRATION), 2);
        verify(auditing)
                .asOf(new CompanyId(COMPANY), new IntegrationId(INTEGRATION), Instant.parse("2026-11-28T09:15:30Z"));
        verifyNoInteractions(reading);
    }

    @Test
    void anEditReachesThePortWithTheVersionOfIfMatch() throws Exception {
        when(management.edit(any(), any(), any(), any())).thenReturn(receipt(4, IntegrationStatus.ACTIVE));

        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "W/\"3\"")
                        .content(EDITED_INTEGRATION))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"4\""))
                .andExpect(jsonPath("$.version").value(4));

        ArgumentCaptor<IntegrationDraft> draft = ArgumentCaptor.forClass(IntegrationDraft.class);
        verify(management)
                .edit(
                        any(Caller.class),
                        eq(new IntegrationId(INTEGRATION)),
                        draft.capture(),
                        eq(ExpectedVersion.of(3)));
        assertThat(draft.getValue().name().value()).isEqualTo("CRM archive");
        assertThat(draft.getValue().baseApiUrl().value()).isEqualTo("https://archive.example.com");
        // a secret left out is kept: no new value reaches the port
        assertThat(draft.getValue().authentication()).isEqualTo(new AuthenticationSpec.ApiKeySpec<>(Optional.empty()));
    }

    @Test
    void activationAndDeactivationHonourIfMatchWhenSent() throws Exception {
        when(management.activate(any(), any(), any())).thenReturn(receipt(5, IntegrationStatus.ACTIVE));
        when(management.deactivate(any(), any(), any())).thenReturn(receipt(6, IntegrationStatus.INACTIVE));

        mvc.perform(post("/api/integrations/{id}/activate", INTEGRATION)
                        .with(admin())
                        .header(HttpHeaders.IF_MATCH, "\"4\""))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"5\""))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post("/api/integrations/{id}/deactivate", INTEGRATION).with(admin()))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, "\"6\""))
                .andExpect(jsonPath("$.status").value("INACTIVE"));

        verify(management).activate(any(Caller.class), eq(new IntegrationId(INTEGRATION)), eq(ExpectedVersion.of(4)));
        verify(management).deactivate(any(Caller.class), eq(new IntegrationId(INTEGRATION)), eq(ExpectedVersion.ANY));
    }

    // --- failures mapped to problem details ---

    @Test
    void aTakenNameIsAConflictNamingTheField() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenThrow(new NameAlreadyTaken("CRM files"));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(NEW_INTEGRATION))
                .andExpect(problem(409, "duplicate-name"))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].rule").isNotEmpty());
    }

    @Test
    void aReusedOrUnfinishedIdempotencyKeyIsRefused() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any()))
                .thenThrow(new IdempotencyKeyReused())
                .thenThrow(new IdempotencyStillInFlight());

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "k1")
                        .content(NEW_INTEGRATION))
                .andExpect(problem(422, "idempotency-key-reused"));
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Idempotency-Key", "k1")
                        .content(NEW_INTEGRATION))
                .andExpect(problem(409, "idempotency-key-in-flight"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "1"));
    }

    @Test
    void aBrokenBodyNamesEveryBrokenFieldAndAddsNothing() throws Exception {
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"\", \"baseApiUrl\": \"ftp://x\", \"colour\": \"red\"}"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath(
                        "$.errors[*].field", containsInAnyOrder("name", "baseApiUrl", "colour", "authentication")));

        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void aStaleIfMatchIsAFailedPreconditionAndAConcurrentWriteWithoutItAConflict() throws Exception {
        when(management.edit(any(), any(), any(), any()))
                .thenThrow(new ConcurrentModification(INTEGRATION, "expected version 3, found 4", null));
        when(management.activate(any(), any(), any()))
                .thenThrow(new ConcurrentModification(INTEGRATION, "appended at the same time", null));

        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"3\"")
                        .content(EDITED_INTEGRATION))
                .andExpect(problem(412, "stale-version"));
        mvc.perform(post("/api/integrations/{id}/activate", INTEGRATION).with(admin()))
                .andExpect(problem(409, "concurrent-change"));
    }

    @Test
    void anEditWithoutIfMatchIsRefusedBeforeThePort() throws Exception {
        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(EDITED_INTEGRATION))
                .andExpect(problem(428, "precondition-required"));
        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "version three")
                        .content(EDITED_INTEGRATION))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("If-Match"));

        verifyNoInteractions(management);
    }

    @Test
    void anUnknownOrMalformedIdIsNotFound() throws Exception {
        when(reading.find(any(), any())).thenReturn(Optional.empty());

        mvc.perform(get("/api/integrations/{id}", INTEGRATION).with(admin())).andExpect(problem(404, "not-found"));
        mvc.perform(get("/api/integrations/{id}", "not-a-uuid").with(admin())).andExpect(problem(404, "not-found"));

        verify(reading).find(new CompanyId(COMPANY), new IntegrationId(INTEGRATION));
    }

    @Test
    void anotherCompanysIntegrationIsNotFoundAndNewIdsAreAConflict() throws Exception {
        when(management.deactivate(any(), any(), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY, INTEGRATION));
        when(management.add(any(), any(), anyBoolean(), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_ID_MUST_BE_NEW, INTEGRATION));

        mvc.perform(post("/api/integrations/{id}/deactivate", INTEGRATION).with(admin()))
                .andExpect(problem(404, "not-found"))
                // the same answer as for an id that does not exist: nothing tells another company's apart
                .andExpect(jsonPath("$.detail").value("There is no integration with this id in your company."));
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(NEW_INTEGRATION))
                .andExpect(problem(409, "conflict"));
    }

    @Test
    void aSecretThatMustBeGivenAgainIsABrokenField() throws Exception {
        when(management.edit(any(), any(), any(), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.SECRET_BOUND_TO_ORIGIN, "authentication.apiKey"));

        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"3\"")
                        .content(EDITED_INTEGRATION))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("authentication.apiKey"))
                .andExpect(jsonPath("$.errors[0].rule").value("must be given again to send it to another origin"));
    }

    @Test
    void aBrokenListQueryNamesEveryBrokenParameter() throws Exception {
        mvc.perform(get("/api/integrations")
                        .with(admin())
                        .param("status", "paused")
                        .param("page", "first")
                        .param("size", "many"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("status", "page", "size")));
        mvc.perform(get("/api/integrations").with(admin()).param("size", "1000"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));

        verifyNoInteractions(reading);
    }

    @Test
    void anUnreachableDatabaseIsServiceUnavailableWithRetryAfter() throws Exception {
        when(reading.list(any(), any())).thenThrow(new StorageUnavailable("read model unreachable", null));

        mvc.perform(get("/api/integrations").with(admin()))
                .andExpect(problem(503, "storage-unavailable"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"));
    }

    @Test
    void aSecretNoKeyOpensIsAServerProblemWithoutDetails() throws Exception {
        when(management.activate(any(), any(), any())).thenThrow(new SecretUnreadable("key k-7 is missing"));

        mvc.perform(post("/api/integrations/{id}/activate", INTEGRATION).with(admin()))
                .andExpect(problem(500, "secret-unreadable"))
                .andExpect(content().string(not(containsString("k-7"))));
    }

    @Test
    void writesAreForAdministratorsOnly() throws Exception {
        mvc.perform(post("/api/integrations/{id}/activate", INTEGRATION).with(auditor()))
                .andExpect(problem(403, "forbidden"));
        mvc.perform(get("/api/integrations")).andExpect(problem(401, "unauthorized"));

        verifyNoInteractions(management, reading);
    }

    private static Receipt receipt(long version, IntegrationStatus status) {
        return new Receipt(new IntegrationId(INTEGRATION), version, true, view(version, status));
    }

    private static IntegrationView view(long version, IntegrationStatus status) {
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        return new IntegrationView(
                INTEGRATION,
                COMPANY,
                "CRM files",
                "https://crm.example.com/api",
                "tenant=7",
                status,
                version,
                at,
                at,
                "alice",
                new AuthenticationView(
                        AuthenticationType.API_KEY, null, null, null, null, null, null, new SecretView(true, "cdef")));
    }
}
