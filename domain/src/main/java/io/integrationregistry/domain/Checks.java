package io.integrationregistry.domain;

import java.util.Optional;

final class Checks {

    private Checks() {}

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidValue(field, "is required");
        }
        return value;
    }

    static <T> Optional<T> optional(String field, Optional<T> value) {
        if (value == null) {
            throw new InvalidValue(field, "must be given, possibly empty");
        }
        return value;
    }
}
