package io.integrationregistry.adapters.rest.documents;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import static org.springframework.http.HttpStatus.CREATED;

/**
 * The Document Webhooks calls, made for the product through one of the caller's
 * company's active integrations. Downloads and uploads stream through; provider errors come back as
 * this API's problem details.
 */
@RestController
@RequestMapping(path = "/api/integrations/{id}/documents", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Documents",
        description = "Use an active integration: browse, search, download and upload through "
                + "its provider (DOCUMENT_USER and INTEGRATION_ADMIN)")
class DocumentsRestController {

    /** Provider bytes are never rendered as part of this service's pages. */
    private static final String SANDBOX = "sandbox; default-src 'none'";

    private static final int BUFFER = 8 * 1024;

    private final ForUsingDocuments documents;

    DocumentsRestController(ForUsingDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/serviceInfo")
    @Operation(summary = "What the provider says about itself")
    ServiceInfo serviceInfo(Caller caller, @PathVariable("id") IntegrationId integrationId) {
        return documents.serviceInfo(caller, integrationId);
    }

    @GetMapping("/metadata")
    @Operation(summary = "Metadata of a file or folder", description = "`id` is the provider's id; `/` is the root.")
    DocumentResource metadata(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(name = "id", required = false) String documentId) {
        GatewayParameters parameters = new GatewayParameters();
        String checkedId = parameters.required("id", documentId);
        parameters.check();
        return DocumentResource.of(integrationId, documents.metadata(caller, integrationId, checkedId));
    }

    @GetMapping("/files")
    @Operation(summary = "The files and folders in a folder")
    List<DocumentResource> files(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String max,
            @RequestParam(required = false) String offset) {
        GatewayParameters parameters = new GatewayParameters();
        String parent = parameters.optional("parentId", parentId);
        Integer checkedMax = parameters.number("max", max, 1, GatewayParameters.MAX_PAGE);
        Integer checkedOffset = parameters.number("offset", offset, 0, Integer.MAX_VALUE);
        parameters.check();
        return documents.files(caller, integrationId, parent, checkedMax, checkedOffset).stream()
                .map(metadata -> DocumentResource.of(integrationId, metadata))
                .toList();
    }

    @GetMapping("/search")
    @Operation(summary = "Search files and folders")
    List<DocumentResource> search(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String max,
            @RequestParam(required = false) String offset) {
        GatewayParameters parameters = new GatewayParameters();
        String checkedQuery = parameters.required("query", query);
        String parent = parameters.optional("parentId", parentId);
        Integer checkedMax = parameters.number("max", max, 1, GatewayParameters.MAX_PAGE);
        Integer checkedOffset = parameters.number("offset", offset, 0, Integer.MAX_VALUE);
        parameters.check();
        return documents.search(caller, integrationId, checkedQuery, parent, checkedMax, checkedOffset).stream()
                .map(metadata -> DocumentResource.of(integrationId, metadata))
                .toList();
    }

    @GetMapping(path = "/download", produces = MediaType.ALL_VALUE)
    @Operation(summary = "Download a file", description = "Streamed from the provider with its content type.")
    void download(
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(name = "id", required = false) String documentId)
            throws IOException {
        GatewayParameters parameters = new GatewayParameters();
        String checkedId = parameters.required("id", documentId);
        parameters.check();
        stream(documents.download(caller, integrationId, checkedId), request, response, "attachment");
    }

    @GetMapping(path = "/thumbnail", produces = MediaType.ALL_VALUE)
    @Operation(summary = "A thumbnail of a file", description = "`size` is the width in pixels.")
    void thumbnail(
            Caller caller,
            HttpServletRequest request,
            HttpServletResponse response,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(name = "id", required = false) String documentId,
            @RequestParam(required = false) String size)
            throws IOException {
        GatewayParameters parameters = new GatewayParameters();
        String checkedId = parameters.required("id", documentId);
        Integer width = parameters.number("size", size, 1, GatewayParameters.MAX_THUMBNAIL_WIDTH);
        parameters.check();
        stream(documents.thumbnail(caller, integrationId, checkedId, width), request, response, "inline");
    }

    /**
     * Any body but a form: the container would parse a form into parameters, which would both consume the
     * file's bytes and mix the body's fields into the query's.
     */
    @PostMapping(path = "/uploads", consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @ResponseStatus(CREATED)
    @Operation(
            summary = "Upload a file",
            description = "The request body is the file's bytes, streamed to the "
                    + "provider: `uploadInit` creates the file, then `upload` sends the bytes. Answers the new file "
                    + "as the provider stored it (read back with `metadata`); should that read fail, what is known "
                    + "of it, without uploadInit's placeholder date or size.")
    DocumentResource upload(
            Caller caller,
            HttpServletRequest request,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String filename,
            @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String documentVersionId)
            throws IOException {
        GatewayParameters parameters = new GatewayParameters();
        UploadTarget target = new UploadTarget(
                parameters.required("parentId", parentId),
                parameters.required("filename", filename),
                parameters.optional("documentId", documentId),
                parameters.optional("documentVersionId", documentVersionId));
        parameters.check();
        String contentType =
                request.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE : request.getContentType();
        try (InputStream body = request.getInputStream()) {
            return DocumentResource.of(
                    integrationId,
                    documents.upload(caller, integrationId, target, body, request.getContentLengthLong(), contentType));
        } catch (UncheckedIOException bodyBroke) {
            // The caller's own upload stopped midway: its request, not the provider, is at fault.
            throw InvalidRequest.of("body", "could not be read to its end; send the file again");
        }
    }

    @PostMapping("/folders")
    @ResponseStatus(CREATED)
    @Operation(summary = "Create a folder")
    DocumentResource createFolder(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String parentId,
            @RequestParam(required = false) String name) {
        GatewayParameters parameters = new GatewayParameters();
        String parent = parameters.required("parentId", parentId);
        String checkedName = parameters.required("name", name);
        parameters.check();
        return DocumentResource.of(integrationId, documents.createFolder(caller, integrationId, parent, checkedName));
    }

    @PutMapping("/delete")
    @Operation(
            summary = "Delete a document or a folder",
            description = "Give exactly one of `documentId` and " + "`folderId`.")
    Map<String, String> delete(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(required = false) String documentId,
            @RequestParam(required = false) String folderId) {
        GatewayParameters parameters = new GatewayParameters();
        String document = parameters.optional("documentId", documentId);
        String folder = parameters.optional("folderId", folderId);
        if ((documentId == null || documentId.isEmpty()) == (folderId == null || folderId.isEmpty())) {
            parameters.add(FieldProblem.of("documentId", "or folderId: exactly one of the two is required"));
        }
        parameters.check();
        DeletionTarget target = document != null
                ? new DeletionTarget(DeletionTarget.Kind.DOCUMENT, document)
                : new DeletionTarget(DeletionTarget.Kind.FOLDER, folder);
        return done(documents.delete(caller, integrationId, target), "delete");
    }

    @PutMapping("/rename")
    @Operation(summary = "Rename a document or a folder")
    Map<String, String> rename(
            Caller caller,
            @PathVariable("id") IntegrationId integrationId,
            @RequestParam(name = "id", required = false) String documentId,
            @RequestParam(required = false) String name) {
        GatewayParameters parameters = new GatewayParameters();
        String checkedId = parameters.required("id", documentId);
        String checkedName = parameters.required("name", name);
        parameters.check();
        return done(documents.rename(caller, integrationId, checkedId, checkedName), "rename");
    }

    /** A provider that says it failed is reported as a provider failure, with its reason. */
    private static Map<String, String> done(OperationResult result, String call) {
        if (!result.success()) {
            throw new ProviderFailure(
                    ProviderFailure.Kind.PROVIDER_ERROR, 0, result.error(), "the provider did not " + call + " it");
        }
        return Map.of("status", "success");
    }

    /**
     * Streams the provider's bytes on. Should the provider fail midway, the client must not take what it
     * got for the whole file: see {@link BrokenTransfer}.
     */
    private static void stream(
            ProviderContent content, HttpServletRequest request, HttpServletResponse response, String disposition)
            throws IOException {
        try (content) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(content.contentType());
            if (content.length() >= 0) {
                response.setContentLengthLong(content.length());
            }
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, disposition);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", SANDBOX);
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = readFromProvider(content, buffer, request, response)) >= 0; ) {
                out.write(buffer, 0, read);
            }
            out.flush();
        }
    }

    /** The next bytes, or -1 at their end or once the transfer is to be broken off. */
    private static int readFromProvider(
            ProviderContent content, byte[] buffer, HttpServletRequest request, HttpServletResponse response) {
        ProviderFailure failure;
        try {
            return content.body().read(buffer);
        } catch (ProviderFailure failed) {
            failure = failed;
        } catch (IOException failed) {
            failure = new ProviderFailure(
                    ProviderFailure.Kind.PROVIDER_ERROR, "the provider's bytes could not be read to their end");
        }
        BrokenTransfer.failed(failure, request, response);
        return -1;
    }
}
