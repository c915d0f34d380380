package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.out.DocumentMetadata;

import java.time.Instant;

/**
 * {@code uploadInit} answers before any byte arrives, so some providers fill the new file's date and size
 * with placeholders: the epoch (1970-01-01) and 0. They say nothing of the stored file, so they are
 * dropped rather than passed on as facts.
 */
final class UploadPlaceholders {

    private UploadPlaceholders() {}

    /** {@code created} without a date at the epoch, nor a size of 0 when {@code bytesSent} were sent. */
    static DocumentMetadata dropped(DocumentMetadata created, long bytesSent) {
        Instant date = created.dateModified();
        Long size = created.size();
        return new DocumentMetadata(
                created.id(),
                created.title(),
                created.kind(),
                created.viewLink(),
                created.downloadLink(),
                created.mimeType(),
                date == null || date.toEpochMilli() == 0 ? null : date,
                size != null && size == 0 && bytesSent > 0 ? null : size,
                created.readOnly());
    }
}
