package io.integrationregistry.application.shared;

/** A sealed secret that no key held opens for its owner: the keyset lost a key, or the data was moved. */
public final class SecretUnreadable extends RuntimeException {

    public SecretUnreadable(String detail) {
        super(detail, null, false, false);
    }
}
