package io.integrationregistry.application.documents.port.out;

/**
 * The answer of {@code upload}, {@code delete} and {@code rename}: whether the provider did it, and
 * its reason when it did not (already cleaned of control characters and cut to a readable length).
 */
public record OperationResult(boolean success, String error) {

    public static OperationResult succeeded() {
        return new OperationResult(true, null);
    }
}
