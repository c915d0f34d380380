package io.integrationregistry.domain;

/** The user on whose behalf a command is given. */
public record Actor(String login) {

    public static final int MAX_LENGTH = 200;

    public Actor {
        login = Text.trimmedSingleLine("actor", login, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return login;
    }
}
