package io.integrationregistry.adapters.rest.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;

import java.time.Instant;

/** A provider's file or folder as this API answers it: the fields of the Document Webhooks API, absent ones left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DocumentResource(
        String id,
        String title,
        String kind,
        String viewLink,
        String downloadLink,
        String mimeType,
        Instant dateModified,
        Long size,
        Boolean readOnly) {

    static DocumentResource of(DocumentMetadata metadata) {
        return new DocumentResource(
                metadata.id(),
                metadata.title(),
                metadata.kind(),
                metadata.viewLink(),
                metadata.downloadLink(),
                metadata.mimeType(),
                metadata.dateModified(),
                metadata.size(),
                metadata.readOnly());
    }
}
