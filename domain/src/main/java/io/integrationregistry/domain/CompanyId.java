package io.integrationregistry.domain;

/** The customer company an integration belongs to, for its whole life. */
public record CompanyId(String value) {

    public static final int MAX_LENGTH = 64;

    public CompanyId {
        value = Text.trimmedSingleLine("company", value, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
