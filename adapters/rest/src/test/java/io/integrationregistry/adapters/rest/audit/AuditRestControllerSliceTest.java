package io.integrationregistry.adapters.rest.audit;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.audit.port.in.AuditEntry;
import io.integrationregistry.application.audit.port.in.AuditEntryType;
import io.integrationregistry.application.audit.port.in.AuditPage;
import io.integrationregistry.application.audit.port.in.AuditQuery;
import io.integrationregistry.application.audit.port.in.FieldChange;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.SealedSecret;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The audit trail, its export and an integration's history over HTTP, for administrators and auditors. */
class AuditRestControllerSliceTest extends WebLayerSlice {

    private static final CompanyId ACME = new CompanyId(COMPANY);
    private static final Instant AT = Instant.parse("2026-11-30T12:00:00Z");
    private static final AuditEntry EDITED = new AuditEntry(
            "event-7",
            INTEGRATION,
            "CRM files",
            COMPANY,
            AuditEntryType.EDITED,
            "alice",
            AT,
            "req-7",
            "ui",
            3,
            List.of(FieldChange.of("name", "CRM", "CRM files"), FieldChange.secretChanged("authentication.apiKey")));

    // --- inputs mapped to the port, answers rendered ---

    @Test
    void theTrailsFiltersCursorAndSizeReachThePort() throws Exception {
        when(auditing.trail(any(), any(), any(), anyInt()))
                .thenReturn(new AuditPage(List.of(EDITED), Optional.of("cursor-3")));

        mvc.perform(get("/api/audit")
                        .with(auditor())
                        .param("integrationId", INTEGRATION)
                        .param("actor", " alice ")
                        .param("type", "edited")
                        .param("from", "2026-11-01T00:00:00Z")
                        .param("to", "2026-12-01T01:00:00+01:00")
                        .param("cursor", "cursor-2")
                        .param("size", "20"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.next").value("cursor-3"))
                .andExpect(jsonPath("$.items[0].eventId").value("event-7"))
                .andExpect(jsonPath("$.items[0].type").value("EDITED"))
                .andExpect(jsonPath("$.items[0].version").value(3))
                .andExpect(jsonPath("$.items[0].changes[0].before").value("CRM"))
                .andExpect(jsonPath("$.items[0].changes[0].after").value("CRM files"))
                // a secret only as changed, never a value
                .andExpect(jsonPath("$.items[0].changes[1].changed").value(true))
                .andExpect(jsonPath("$.items[0].changes[1].before").doesNotExist());

        verify(auditing)
                .trail(
                        ACME,
                        new AuditQuery(
                                Optional.of(INTEGRATION),
                                Optional.of("alice"),
                                Optional.of(AuditEntryType.EDITED),
                                Optional.of(Instant.parse("2026-11-01T00:00:00Z")),
                                Optional.of(Instant.parse("2026-12-01T00:00:00Z"))),
                        Optional.of("cursor-2"),
                        20);
    }

    @Test
    void theTrailDefaultsToEverythingInPagesOfFifty() throws Exception {
        when(auditing.trail(any(), any(), any(), anyInt())).thenReturn(new AuditPage(List.of(), Optional.empty()));

        mvc.perform(get("/api/audit").with(admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items").isEmpty())
                .andExpect(jsonPath("$.next").isEmpty());

        verify(auditing).trail(ACME, AuditQuery.everything(), Optional.empty(), 50);
    }

    @Test
    void theExportStreamsTheFilteredEntriesAsCsv() throws Exception {
        AuditEntry formula = new AuditEntry(
                "event-8",
                INTEGRATION,
                "=HYPERLINK(\"https://evil.example\")",
                COMPANY,
                AuditEntryType.ACTIVATED,
                "alice",
                AT,
                "req-8",
                "api",
                4,
                List.of());
        exportAnswers(EDITED, formula);

        MvcResult started = mvc.perform(get("/api/audit/export").with(auditor()).param("type", "activated"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string(
                                HttpHeaders.CONTENT_DISPOSITION,
                                allOf(
                                        containsString("attachment"),
                                        containsString("audit-acme-"),
                                        containsString(".csv"))))
                .andExpect(content()
                        .string(allOf(
                                containsString("eventId,integrationId,integrationName,company,type,actor,at,requestId,"
                                        + "source,version,changes,test\r\n"),
                                containsString("\"event-7\",\"" + INTEGRATION + "\",\"CRM files\",\"acme\",\"EDITED\""),
                                // a cell a spreadsheet would run is defused
                                containsString("\"'=HYPERLINK(\"\"https://evil.example\"\")\""))));

        verify(auditing)
                .export(
                        eq(ACME),
                        eq(new AuditQuery(
                                Optional.empty(),
                                Optional.empty(),
                                Optional.of(AuditEntryType.ACTIVATED),
                                Optional.empty(),
                                Optional.empty())),
                        any());
    }

    @Test
    void theExportStreamsNdjsonWhenAsked() throws Exception {
        exportAnswers(EDITED);

        MvcResult started = mvc.perform(get("/api/audit/export").with(admin()).param("format", "NDJSON"))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-ndjson"))
                .andExpect(content()
                        .string(allOf(containsString("{\"eventId\":\"event-7\""), containsString("\"changed\":true"))));
    }

    @Test
    void theHistoryIsReadFromThePortWithSecretsOnlyAsSet() throws Exception {
        IntegrationId id = new IntegrationId(INTEGRATION);
        when(auditing.history(any(), any()))
                .thenReturn(List.of(
                        new RecordedEvent(
                                "event-1",
                                1,
                                AT,
                                "alice",
                                "req-1",
                                "api",
                                new IntegrationEvent.IntegrationAdded(
                                        id,
                                        ACME,
                                        AT,
                                        new IntegrationName("CRM files"),
                                        new BaseApiUrl("https://crm.example.com"),
                                        RequestParameters.NONE,
                                        new Authentication.ApiKey(
                                                new SealedSecret("key-1", "c2VhbGVkLWNpcGhlcnRleHQ=", "cdef")),
                                        true)),
                        new RecordedEvent(
                                "event-2",
                                2,
                                AT,
                                "bob",
                                "req-2",
                                "ui",
                                new IntegrationEvent.IntegrationDeactivated(id, ACME, AT))));

        mvc.perform(get("/api/integrations/{id}/history", INTEGRATION).with(auditor()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.integrationId").value(INTEGRATION))
                .andExpect(jsonPath("$.items[0].type").value("ADDED"))
                .andExpect(jsonPath("$.items[0].payload.name").value("CRM files"))
                .andExpect(
                        jsonPath("$.items[0].payload.authentication.apiKey.set").value(true))
                .andExpect(jsonPath("$.items[1].type").value("DEACTIVATED"))
                .andExpect(jsonPath("$.items[1].actor").value("bob"))
                .andExpect(content().string(not(containsString("c2VhbGVkLWNpcGhlcnRleHQ="))));

        verify(auditing).history(ACME, id);
    }

    // --- failures mapped to problem details ---

    @Test
    void documentUsersMayNotReadTheTrail() throws Exception {
        mvc.perform(get("/api/audit").with(documentUser())).andExpect(problem(403, "forbidden"));
        mvc.perform(get("/api/integrations/{id}/history", INTEGRATION).with(documentUser()))
                .andExpect(problem(403, "forbidden"));

        verifyNoInteractions(auditing);
    }

    @Test
    void anIntegrationWithoutHistoryInTheCompanyIsNotFound() throws Exception {
        when(auditing.history(any(), any())).thenReturn(List.of());

        mvc.perform(get("/api/integrations/{id}/history", INTEGRATION).with(auditor()))
                .andExpect(problem(404, "not-found"));
    }

    @Test
    void brokenFiltersAreNamed() throws Exception {
        mvc.perform(get("/api/audit").with(auditor()).param("type", "DELETED"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("type"));
        mvc.perform(get("/api/audit").with(auditor()).param("from", "yesterday"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/audit")
                        .with(auditor())
                        .param("from", "2026-12-02T00:00:00Z")
                        .param("to", "2026-12-01T00:00:00Z"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(get("/api/audit/export").with(auditor()).param("format", "xml"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("format"));

        verifyNoInteractions(auditing);
    }

    @Test
    void aCursorThePortRefusesIsABrokenField() throws Exception {
        when(auditing.trail(any(), any(), any(), anyInt()))
                .thenThrow(new InvalidValue("cursor", "is not a cursor of this trail"));

        mvc.perform(get("/api/audit").with(auditor()).param("cursor", "forged"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"))
                .andExpect(jsonPath("$.errors[0].rule").value("is not a cursor of this trail"));
    }

    @Test
    void anUnreachableAuditStoreIsServiceUnavailable() throws Exception {
        when(auditing.trail(any(), any(), any(), anyInt()))
                .thenThrow(new StorageUnavailable("trail unreachable", null));

        mvc.perform(get("/api/audit").with(auditor()))
                .andExpect(problem(503, "storage-unavailable"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
    }

    @SuppressWarnings("unchecked")
    private void exportAnswers(AuditEntry... entries) {
        doAnswer(call -> {
                    Consumer<AuditEntry> sink = call.getArgument(2, Consumer.class);
                    for (AuditEntry entry : entries) {
                        sink.accept(entry);
                    }
                    return null;
                })
                .when(auditing)
                .export(any(), any(), any());
    }
}
