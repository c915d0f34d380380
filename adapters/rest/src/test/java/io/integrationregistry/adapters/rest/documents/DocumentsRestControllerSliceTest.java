package io.integrationregistry.adapters.rest.documents;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.connections.ConnectionRequired;
import io.integrationregistry.application.connections.IntegrationNotActive;
import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.application.documents.TooManyProviderCalls;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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

/** The document calls over HTTP: parameters reach the document port; provider answers and failures come back. */
class DocumentsRestControllerSliceTest extends WebLayerSlice {

    private static final String DOCUMENTS = "/api/integrations/" + INTEGRATION + "/documents";
    private static final IntegrationId ID = new IntegrationId(INTEGRATION);
    private static final DocumentMetadata REPORT = new DocumentMetadata(
            "doc-1",
            "Report.pdf",
            "file",
            null,
            null,
            "application/pdf",
            Instant.parse("2026-11-30T12:00:00Z"),
            2048L,
            false);
    private static final DocumentMetadata FOLDER =
            new DocumentMetadata("folder-9", "Invoices", "folder", null, null, null, null, null, null);

    // --- inputs mapped to the port, answers rendered ---

    @Test
    void serviceInfoIsAskedForTheCallersIntegration() throws Exception {
        when(documents.serviceInfo(any(), any()))
                .thenReturn(new ServiceInfo("1.2", "5.0", "Acme Docs", List.of("files", "search"), List.of()));

        mvc.perform(get(DOCUMENTS + "/serviceInfo").with(documentUser()).header("X-Request-Id", "req-docs-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.publisher").value("Acme Docs"))
                .andExpect(jsonPath("$.availableEndpoints[1]").value("search"));

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        verify(documents).serviceInfo(caller.capture(), eq(ID));
        assertThat(caller.getValue().actor().login()).isEqualTo("dora");
        assertThat(caller.getValue().company()).isEqualTo(new CompanyId(COMPANY));
        assertThat(caller.getValue().origin()).isEqualTo(new Origin("req-docs-1", Origin.Source.API));
    }

    @Test
    void downloadLinkIsTheServicesOwnDownloadOfTheDocumentAndNullForFolders() throws Exception {
        DocumentMetadata odd = new DocumentMetadata(
                "a+b/c=d&e f",
                "Odd.pdf",
                "file",
                "https://provider.example/view/odd",
                "https://provider.example/raw/odd?token=provider-only",
                "application/pdf",
                null,
                4L,
                false);
        when(documents.files(any(), any(), any(), any(), any())).thenReturn(List.of(FOLDER, odd));
        when(documents.metadata(any(), any(), any())).thenReturn(odd);
        when(documents.search(any(), any(), any(), any(), any(), any())).thenReturn(List.of(odd));
        when(documents.createFolder(any(), any(), any(), any())).thenReturn(FOLDER);
        String link = DOCUMENTS + "/download?id=a%2Bb%2Fc%3Dd%26e%20f";

        mvc.perform(get(DOCUMENTS + "/files").with(documentUser()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].downloadLink").doesNotExist())
                .andExpect(jsonPath("$[1].downloadLink").value(link))
                .andExpect(jsonPath("$[1].viewLink").value("https://provider.example/view/odd"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(documentUser()).param("id", "a+b/c=d&e f"))
                .andExpect(jsonPath("$.downloadLink").value(link));
        mvc.perform(get(DOCUMENTS + "/search").with(documentUser()).param("query", "odd"))
                .andExpect(jsonPath("$[0].downloadLink").value(link));
        mvc.perform(post(DOCUMENTS + "/folders")
                        .with(documentUser())
                        .param("parentId", "/")
                        .param("name", "Invoices"))
                .andExpect(jsonPath("$.id").value("folder-9"))
                .andExpect(jsonPath("$.downloadLink").doesNotExist());
    }

    @Test
    void listingAndSearchingPassTheirParametersOn() throws Exception {
        when(documents.files(any(), any(), any(), any(), any())).thenReturn(List.of(FOLDER, REPORT));
        when(documents.search(any(), any(), any(), any(), any(), any())).thenReturn(List.of(REPORT));

        mvc.perform(get(DOCUMENTS + "/files")
                        .with(admin())
                        .param("parentId", "/")
                        .param("max", "20")
                        .param("offset", "40"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("folder-9"))
                .andExpect(jsonPath("$[0].kind").value("folder"))
                // what the provider left out is left out
                .andExpect(jsonPath("$[0].size").doesNotExist())
                .andExpect(jsonPath("$[1].size").value(2048))
                .andExpect(jsonPath("$[1].mimeType").value("application/pdf"));
        mvc.perform(get(DOCUMENTS + "/search").with(admin()).param("query", "quarterly report"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].title").value("Report.pdf"));

        verify(documents).files(any(Caller.class), eq(ID), eq("/"), eq(20), eq(40));
        verify(documents).search(any(Caller.class), eq(ID), eq("quarterly report"), isNull(), isNull(), isNull());
    }

    @Test
    void metadataFoldersRenamesAndDeletionsReachThePort() throws Exception {
        when(documents.metadata(any(), any(), any())).thenReturn(REPORT);
        when(documents.createFolder(any(), any(), any(), any())).thenReturn(FOLDER);
        when(documents.rename(any(), any(), any(), any())).thenReturn(OperationResult.succeeded());
        when(documents.delete(any(), any(), any())).thenReturn(OperationResult.succeeded());

        mvc.perform(get(DOCUMENTS + "/metadata").with(documentUser()).param("id", "doc-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.title").value("Report.pdf"));
        mvc.perform(post(DOCUMENTS + "/folders")
                        .with(documentUser())
                        .param("parentId", "/")
                        .param("name", "Invoices"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("folder-9"));
        mvc.perform(put(DOCUMENTS + "/rename")
                        .with(documentUser())
                        .param("id", "doc-1")
                        .param("name", "Q4.pdf"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("success"));
        mvc.perform(put(DOCUMENTS + "/delete").with(documentUser()).param("folderId", "folder-9"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("success"));

        verify(documents).metadata(any(Caller.class), eq(ID), eq("doc-1"));
        verify(documents).createFolder(any(Caller.class), eq(ID), eq("/"), eq("Invoices"));
        verify(documents).rename(any(Caller.class), eq(ID), eq("doc-1"), eq("Q4.pdf"));
        verify(documents)
                .delete(any(Caller.class), eq(ID), eq(new DeletionTarget(DeletionTarget.Kind.FOLDER, "folder-9")));
    }

    @Test
    void aDownloadStreamsTheProvidersBytesAsAnAttachment() throws Exception {
        byte[] pdf = "%PDF-1.7 report".getBytes(StandardCharsets.US_ASCII);
        when(documents.download(any(), any(), any()))
                .thenReturn(new ProviderContent("application/pdf", pdf.length, new ByteArrayInputStream(pdf)));

        mvc.perform(get(DOCUMENTS + "/download").with(documentUser()).param("id", "doc-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(content().bytes(pdf))
                .andExpect(header().longValue(HttpHeaders.CONTENT_LENGTH, pdf.length))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "attachment"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Security-Policy", "sandbox; default-src 'none'"));

        verify(documents).download(any(Caller.class), eq(ID), eq("doc-1"));
    }

    @Test
    void aThumbnailIsShownInlineAtTheAskedWidth() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        when(documents.thumbnail(any(), any(), any(), any()))
                .thenReturn(new ProviderContent("image/png", -1, new ByteArrayInputStream(png)));

        mvc.perform(get(DOCUMENTS + "/thumbnail")
                        .with(documentUser())
                        .param("id", "doc-1")
                        .param("size", "128"))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(content().bytes(png))
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, "inline"));

        verify(documents).thumbnail(any(Caller.class), eq(ID), eq("doc-1"), eq(128));
    }

    @Test
    void anUploadStreamsTheBodyToThePortWithItsTargetTypeAndLength() throws Exception {
        byte[] file = "first line\nsecond line\n".getBytes(StandardCharsets.UTF_8);
        AtomicReference<byte[]> received = new AtomicReference<>();
        when(documents.upload(any(), any(), any(), any(), anyLong(), anyString()))
                .thenAnswer(call -> {
                    received.set(call.getArgument(3, InputStream.class).readAllBytes());
                    return REPORT;
                });

        mvc.perform(post(DOCUMENTS + "/uploads")
                        .with(admin())
                        .param("parentId", "folder-9")
                        .param("filename", "notes.txt")
                        .param("documentId", "doc-1")
                        .contentType(MediaType.TEXT_PLAIN)
                        .content(file))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("doc-1"));

        verify(documents)
                .upload(
                        any(Caller.class),
                        eq(ID),
                        eq(new UploadTarget("folder-9", "notes.txt", "doc-1", null)),
                        any(InputStream.class),
                        eq((long) file.length),
                        eq(MediaType.TEXT_PLAIN_VALUE));
        assertThat(received.get()).isEqualTo(file);
    }

    // --- failures mapped to problem details ---

    @Test
    void brokenParametersAreNamedAllAtOnceAndReachNoProvider() throws Exception {
        mvc.perform(get(DOCUMENTS + "/search").with(admin()).param("max", "0").param("offset", "-1"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("query", "max", "offset")));
        mvc.perform(put(DOCUMENTS + "/delete")
                        .with(admin())
                        .param("documentId", "d")
                        .param("folderId", "f"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("documentId"));
        mvc.perform(get(DOCUMENTS + "/thumbnail")
                        .with(admin())
                        .param("id", "doc-1")
                        .param("size", "99999"))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));

        verifyNoInteractions(documents);
    }

    @Test
    void anInactiveIntegrationIsAConflict() throws Exception {
        when(documents.serviceInfo(any(), any())).thenThrow(new IntegrationNotActive(ID));

        mvc.perform(get(DOCUMENTS + "/serviceInfo").with(documentUser()))
                .andExpect(problem(409, "integration-not-active"));
    }

    @Test
    void aMissingOAuth2ConnectionSaysWhereToConnect() throws Exception {
        when(documents.files(any(), any(), any(), any(), any()))
                .thenThrow(new ConnectionRequired(ID, ConnectionStatus.RECONNECT_REQUIRED, "connect your account"));

        mvc.perform(get(DOCUMENTS + "/files").with(documentUser()))
                .andExpect(problem(409, "oauth2-connection-required"))
                .andExpect(jsonPath("$.connectionStatus").value("RECONNECT_REQUIRED"))
                .andExpect(jsonPath("$.authorize").value("/api/integrations/" + INTEGRATION + "/oauth2/authorize"));
    }

    @Test
    void providerFailuresAreGatewayProblemsWithTheProvidersWords() throws Exception {
        when(documents.metadata(any(), any(), eq("gone")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.NOT_FOUND, 404, null, "no such document"));
        when(documents.metadata(any(), any(), eq("locked")))
                .thenThrow(new ProviderFailure(
                        ProviderFailure.Kind.CREDENTIALS_REFUSED, 401, "token expired", "the provider answered 401"));
        when(documents.metadata(any(), any(), eq("slow")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "no answer within 10 s"));
        when(documents.metadata(any(), any(), eq("far")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.UNREACHABLE, "connection refused"));

        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "gone"))
                .andExpect(problem(404, "provider-not-found"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "locked"))
                .andExpect(problem(502, "provider-refused-credentials"))
                .andExpect(jsonPath("$.providerStatus").value(401))
                .andExpect(jsonPath("$.providerMessage").value("token expired"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "slow"))
                .andExpect(problem(504, "provider-timeout"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "far"))
                .andExpect(problem(502, "provider-unreachable"))
                .andExpect(jsonPath("$.providerStatus").doesNotExist());
    }

    @Test
    void aProviderRefusalKeepsItsMeaningAndARateLimitPassesOnItsRetryAfter() throws Exception {
        when(documents.metadata(any(), any(), eq("bad")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.REJECTED_REQUEST, 400, "bad id", "HTTP 400"));
        when(documents.metadata(any(), any(), eq("taken")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.CONFLICT, 409, "name taken", "HTTP 409"));
        when(documents.metadata(any(), any(), eq("big")))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.PAYLOAD_TOO_LARGE, 413, null, "HTTP 413"));
        when(documents.metadata(any(), any(), eq("busy")))
                .thenThrow(ProviderFailure.rateLimited(429, "slow down", "HTTP 429", Duration.ofSeconds(42)));
        when(documents.metadata(any(), any(), eq("absent")))
                .thenThrow(new ProviderFailure(
                        ProviderFailure.Kind.NOT_IMPLEMENTED, 404, null, "the provider does not offer metadata"));

        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "bad"))
                .andExpect(problem(400, "provider-rejected-request"))
                .andExpect(jsonPath("$.providerStatus").value(400))
                .andExpect(jsonPath("$.providerMessage").value("bad id"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "taken"))
                .andExpect(problem(409, "provider-conflict"))
                .andExpect(jsonPath("$.providerMessage").value("name taken"));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "big"))
                .andExpect(problem(413, "provider-payload-too-large"))
                .andExpect(jsonPath("$.providerStatus").value(413));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "busy"))
                .andExpect(problem(429, "provider-rate-limited"))
                .andExpect(header().string("Retry-After", "42"))
                .andExpect(jsonPath("$.providerStatus").value(429));
        mvc.perform(get(DOCUMENTS + "/metadata").with(admin()).param("id", "absent"))
                .andExpect(problem(501, "provider-not-implemented"))
                .andExpect(jsonPath("$.detail").value("the provider does not offer metadata"));
    }

    @Test
    void aProviderThatSaysItDidNotDeleteIsAProviderError() throws Exception {
        when(documents.delete(any(), any(), any())).thenReturn(new OperationResult(false, "document is locked"));

        mvc.perform(put(DOCUMENTS + "/delete").with(admin()).param("documentId", "doc-1"))
                .andExpect(problem(502, "provider-error"))
                .andExpect(jsonPath("$.providerMessage").value("document is locked"));

        verify(documents)
                .delete(any(Caller.class), eq(ID), eq(new DeletionTarget(DeletionTarget.Kind.DOCUMENT, "doc-1")));
    }

    @Test
    void aDownloadWhoseProviderFailsBeforeItsFirstByteIsAProblem() throws Exception {
        InputStream failing = new InputStream() {
            @Override
            public int read() {
                throw new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "the transfer ran past its deadline");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return read();
            }
        };
        when(documents.download(any(), any(), any())).thenReturn(new ProviderContent("application/pdf", 10, failing));

        mvc.perform(get(DOCUMENTS + "/download").with(admin()).param("id", "doc-1"))
                .andExpect(problem(504, "provider-timeout"))
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION));
    }

    @Test
    void tooManyProviderCallsIsTooManyRequestsWithRetryAfter() throws Exception {
        when(documents.search(any(), any(), any(), any(), any(), any()))
                .thenThrow(new TooManyProviderCalls("8 calls under way for this integration", Duration.ofSeconds(3)));

        mvc.perform(get(DOCUMENTS + "/search").with(documentUser()).param("query", "x"))
                .andExpect(problem(429, "too-many-provider-calls"))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "3"));
    }

    @Test
    void auditorsMayNotUseDocuments() throws Exception {
        mvc.perform(get(DOCUMENTS + "/serviceInfo").with(auditor())).andExpect(problem(403, "forbidden"));

        verifyNoInteractions(documents);
    }
}
