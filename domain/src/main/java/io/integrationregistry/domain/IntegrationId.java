package io.integrationregistry.domain;

import java.util.UUID;

/** Identifies one integration for its whole life: a UUID in its canonical text form. */
public record IntegrationId(String value) {

    public IntegrationId {
        Text.required("id", value);
        try {
            if (!UUID.fromString(value).toString().equals(value)) {
                throw new InvalidValue("id", "must be a UUID in canonical lower-case form");
            }
        } catch (IllegalArgumentException notAUuid) {
            if (notAUuid instanceof InvalidValue invalid) {
                throw invalid;
            }
            throw new InvalidValue("id", "must be a UUID in canonical lower-case form");
        }
    }

    public static IntegrationId of(UUID uuid) {
        return new IntegrationId(uuid.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
