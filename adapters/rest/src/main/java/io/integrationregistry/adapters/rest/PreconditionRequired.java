package io.integrationregistry.adapters.rest;

/** A change that must say which version it replaces, and did not. */
final class PreconditionRequired extends RuntimeException {

    PreconditionRequired() {
        super("If-Match: this change requires the ETag of the version it replaces");
    }
}
