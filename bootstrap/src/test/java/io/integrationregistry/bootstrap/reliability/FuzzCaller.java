package io.integrationregistry.bootstrap.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Who sends a generated request: the users the fuzzed service is started with, or nobody. */
enum FuzzCaller {
    ADMIN("alice", "alice-pw"),
    AUDITOR("audrey", "audrey-pw"),
    DOCUMENT_USER("dora", "dora-pw"),
    OTHER_COMPANY_ADMIN("gus", "gus-pw"),
    OPERATOR("olga", "olga-pw"),
    WRONG_PASSWORD("alice", "not-her-password"),
    ANONYMOUS(null, null),
    GARBAGE_AUTHORIZATION(null, null);

    /** The same users as the access matrix's principals. */
    static final String[] PROPERTIES = AccessPrincipal.USER_PROPERTIES;

    private final String user;
    private final String password;

    FuzzCaller(String user, String password) {
        this.user = user;
        this.password = password;
    }

    /** The Authorization header's value (a byte string), or null for none. */
    String authorization() {
        if (this == GARBAGE_AUTHORIZATION) {
            return "Basic \u00ff\u00fe!!not-base64:::";
        }
        return user == null
                ? null
                : "Basic "
                        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The company whose data the caller writes, for callers who may write. */
    String company() {
        return this == OTHER_COMPANY_ADMIN ? "globex" : "acme";
    }
}
