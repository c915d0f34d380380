package io.integrationregistry.adapters.rest.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.domain.IntegrationId;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * A provider's file or folder as this API answers it: the fields of the Document Webhooks API, absent ones
 * left out. {@code downloadLink} is this service's own download of the file, never the provider's link,
 * which would need the provider's credentials; {@code viewLink} is the provider's page, passed through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DocumentResource(
        @Schema(description = "The provider's id of the file or folder")
        String id,

        String title,

        @Schema(description = "`file` or `folder`, as the provider spells it")
        String kind,

        @Schema(
                description = "The provider's own page for the document, passed through unchanged: it opens "
                        + "in the user's browser, where the user signs in to the provider.",
                format = "uri")
        String viewLink,

        @Schema(
                description = "This service's download of the file: an absolute-path reference "
                        + "(`/api/integrations/{id}/documents/download?id=<the document's id, "
                        + "percent-encoded>`), resolved against this service's origin and called with the "
                        + "same credentials as the rest of this API. Absent for a folder.",
                format = "uri-reference",
                example = "/api/integrations/3f6c1f9e-2b1a-4c8e-9a57-0c1d2e3f4a5b/documents/download?id=d%2F1%2B2%3D")
        String downloadLink,

        String mimeType,

        @Schema(description = "When the document last changed (RFC 3339); absent when the provider does not say")
        Instant dateModified,

        @Schema(description = "In bytes; absent when the provider does not say")
        Long size,

        Boolean readOnly) {

    /** The document as answered for this integration, its download link pointing at this service. */
    static DocumentResource of(IntegrationId integration, DocumentMetadata metadata) {
        return new DocumentResource(
                metadata.id(),
                metadata.title(),
                metadata.kind(),
                metadata.viewLink(),
                downloadLink(integration, metadata),
                metadata.mimeType(),
                metadata.dateModified(),
                metadata.size(),
                metadata.readOnly());
    }

    /**
     * The path of {@link DocumentsRestController}'s download of this document, below the service's context
     * path; null for a folder, which has nothing to download. The id is percent-encoded whole (a space as
     * {@code %20}), so that ids holding {@code +}, {@code /}, {@code =} or {@code &} come back unchanged.
     */
    static String downloadLink(IntegrationId integration, DocumentMetadata metadata) {
        if (metadata.kind() != null
                && metadata.kind().strip().toLowerCase(Locale.ROOT).equals("folder")) {
            return null;
        }
        return contextPath() + "/api/integrations/" + integration.value() + "/documents/download?id="
                + URLEncoder.encode(metadata.id(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String contextPath() {
        String path =
                ServletUriComponentsBuilder.fromCurrentContextPath().build().getPath();
        return path == null || path.equals("/") ? "" : path;
    }
}
