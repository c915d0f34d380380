package io.integrationregistry.application.documents.port.out;

/** What {@code delete} removes: a document or a folder, by the provider's id. */
public record DeletionTarget(Kind kind, String id) {

    public enum Kind {
        DOCUMENT("documentId"),
        FOLDER("folderId");

        private final String parameter;

        Kind(String parameter) {
            this.parameter = parameter;
        }

        /** The query parameter that carries the id. */
        public String parameter() {
            return parameter;
        }
    }
}
