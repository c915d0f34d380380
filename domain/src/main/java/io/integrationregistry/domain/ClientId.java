package io.integrationregistry.domain;

/** The OAuth2 client id the provider issued: trimmed, 1 to 500 characters, no control characters. */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 500;

    public ClientId {
        value = Text.trimmedSingleLine("authentication.clientId", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
