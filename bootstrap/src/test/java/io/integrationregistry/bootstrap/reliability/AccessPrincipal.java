package io.integrationregistry.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who calls, in the order of the columns of the access matrix: nobody signed in, then the administrator,
 * the auditor and the document user of company A ({@code acme}), then the administrator of company B
 * ({@code globex}), then the operator of the service, who belongs to no company.
 */
enum AccessPrincipal {
    ANONYMOUS(null, null),
    ADMIN_A("alice", "alice-pw"),
    AUDITOR_A("audrey", "audrey-pw"),
    DOCUMENT_USER_A("dora", "dora-pw"),
    ADMIN_B("gus", "gus-pw"),
    OPERATOR("olga", "olga-pw");

    /** The properties that configure these users (HTTP Basic). */
    static final String[] USER_PROPERTIES = {
        "registry.security.users.alice.password={noop}alice-pw",
        "registry.security.users.alice.company=acme",
        "registry.security.users.alice.roles=INTEGRATION_ADMIN",
        "registry.security.users.audrey.password={noop}audrey-pw",
        "registry.security.users.audrey.company=acme",
        "registry.security.users.audrey.roles=AUDITOR",
        "registry.security.users.dora.password={noop}dora-pw",
        "registry.security.users.dora.company=acme",
        "registry.security.users.dora.roles=DOCUMENT_USER",
        "registry.security.users.gus.password={noop}gus-pw",
        "registry.security.users.gus.company=globex",
        "registry.security.users.gus.roles=INTEGRATION_ADMIN",
        "registry.security.users.olga.password={noop}olga-pw",
        "registry.security.users.olga.roles=OPERATOR"
    };

    private final String login;
    private final String password;

    AccessPrincipal(String login, String password) {
        this.login = login;
        this.password = password;
    }

    /** The {@code Authorization} header this principal sends, if any. */
    Optional<String> authorization() {
        return login == null
                ? Optional.empty()
                : Optional.of("Basic "
                        + Base64.getEncoder()
                                .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return login == null ? "anonymous" : name().toLowerCase(Locale.ROOT) + "(" + login + ")";
    }
}
