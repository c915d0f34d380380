package io.integrationregistry.application.documents.port.out;

/** Where a new file goes and what the product calls it ({@code uploadInit}). */
public record UploadTarget(String parentId, String filename, String documentId, String documentVersionId) {}
