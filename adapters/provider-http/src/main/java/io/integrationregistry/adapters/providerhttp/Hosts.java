package io.integrationregistry.adapters.providerhttp;

import java.util.Locale;

final class Hosts {

    private Hosts() {}

    /** Lower case, without brackets around IPv6 literals and without the root's trailing dot. */
    static String normalise(String host) {
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        while (value.endsWith(".")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }
}
