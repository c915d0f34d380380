package io.integrationregistry.application.integrations.port.in;

import java.util.OptionalLong;

/** The version a caller saw before asking for a change, if it wants the change refused when stale. */
public record ExpectedVersion(OptionalLong value) {

    public static final ExpectedVersion ANY = new ExpectedVersion(OptionalLong.empty());

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(OptionalLong.of(version));
    }
}
