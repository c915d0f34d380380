package io.integrationregistry.application.shared;

/** The database could not be reached; nothing was stored, and the caller may retry later. */
public final class StorageUnavailable extends RuntimeException {

    public StorageUnavailable(String detail, Throwable cause) {
        super(detail, cause);
    }
}
