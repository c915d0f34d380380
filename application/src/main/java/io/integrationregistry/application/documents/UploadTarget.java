package io.integrationregistry.application.documents;

/** Where a new file goes and what the product calls it ({@code uploadInit}, MISSION §5). */
public record UploadTarget(String parentId, String filename, String documentId, String documentVersionId) {
}
