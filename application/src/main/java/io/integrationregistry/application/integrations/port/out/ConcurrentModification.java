package io.integrationregistry.application.integrations.port.out;

/** The integration changed since the caller saw it, or another writer appended at the same time. */
public final class ConcurrentModification extends RuntimeException {

    private final String integrationId;

    public ConcurrentModification(String integrationId, String detail, Throwable cause) {
        super("integration " + integrationId + " was changed concurrently: " + detail, cause);
        this.integrationId = integrationId;
    }

    public String integrationId() {
        return integrationId;
    }
}
