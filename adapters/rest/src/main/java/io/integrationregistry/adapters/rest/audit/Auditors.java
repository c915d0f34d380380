package io.integrationregistry.adapters.rest.audit;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.Set;

/** The audit resources are for administrators and auditors; document users may not read them. */
final class Auditors {

    private static final Set<String> ALLOWED = Set.of("ROLE_INTEGRATION_ADMIN", "ROLE_AUDITOR");

    private Auditors() {}

    static void require(Authentication authentication) {
        boolean allowed = authentication != null
                && authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(ALLOWED::contains);
        if (!allowed) {
            throw new AccessDeniedException("only administrators and auditors read the audit trail");
        }
    }
}
