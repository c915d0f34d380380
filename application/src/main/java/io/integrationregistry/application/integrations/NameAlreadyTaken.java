package io.integrationregistry.application.integrations;

/** Another integration of the company already has this name (compared case-insensitively). */
public final class NameAlreadyTaken extends RuntimeException {

    public NameAlreadyTaken(String name) {
        super("name: another integration of the company is already named '" + name + "'");
    }

    public String field() {
        return "name";
    }

    public String rule() {
        return "must be unique within the company (case-insensitive)";
    }
}
