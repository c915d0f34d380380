package io.integrationregistry.application.documents.port.out;

import java.time.Instant;

/**
 * A file or folder as a provider describes it. Providers omit optional fields, so every
 * field but {@code id} may be null.
 *
 * @param kind         {@code file} or {@code folder}, as the provider spells it
 * @param dateModified read from RFC 3339 or from epoch milliseconds
 */
public record DocumentMetadata(
        String id,
        String title,
        String kind,
        String viewLink,
        String downloadLink,
        String mimeType,
        Instant dateModified,
        Long size,
        Boolean readOnly) {}
