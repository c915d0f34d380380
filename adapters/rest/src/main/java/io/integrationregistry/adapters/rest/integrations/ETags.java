package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.problem.InvalidRequest;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;

/** The ETag of an integration is its version, quoted; If-Match accepts it strong or weak, or {@code *}. */
final class ETags {

    private ETags() {}

    static String of(long version) {
        return "\"" + version + "\"";
    }

    static ExpectedVersion expected(String ifMatch) {
        if (ifMatch == null) {
            return ExpectedVersion.ANY;
        }
        String value = ifMatch.strip();
        if (value.equals("*")) {
            return ExpectedVersion.ANY;
        }
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return ExpectedVersion.of(version);
        } catch (NumberFormatException notAVersion) {
            throw InvalidRequest.of("If-Match", "must be the ETag of the integration, such as \"3\"");
        }
    }
}
