package io.integrationregistry.adapters.rest.problem;

/** A change that must say which version it replaces, and did not. */
public final class PreconditionRequired extends RuntimeException {

    public PreconditionRequired() {
        super("If-Match: this change requires the ETag of the version it replaces");
    }
}
