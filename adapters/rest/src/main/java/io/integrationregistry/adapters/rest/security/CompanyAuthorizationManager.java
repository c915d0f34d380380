package io.integrationregistry.adapters.rest.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Grants an API request when the user has one of the roles and belongs to a company (so that
 * {@link Callers#of} will name the caller); otherwise denies it.
 */
final class CompanyAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    /** A denial because the user belongs to no (valid) company; the reason is shown in the problem detail. */
    static final class NoCompany extends AuthorizationDecision {

        private final String reason;

        NoCompany(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final AuthorityAuthorizationManager<RequestAuthorizationContext> roles;

    private CompanyAuthorizationManager(Role... roles) {
        this.roles = AuthorityAuthorizationManager.hasAnyAuthority(
                Arrays.stream(roles).map(Role::authority).toArray(String[]::new));
    }

    static CompanyAuthorizationManager anyOf(Role... roles) {
        return new CompanyAuthorizationManager(roles);
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication,
                                         RequestAuthorizationContext context) {
        AuthorizationResult byRole = roles.authorize(authentication, context);
        if (byRole == null || !byRole.isGranted()) {
            return byRole == null ? new AuthorizationDecision(false) : byRole;
        }
        Authentication signedIn = authentication.get();
        if (signedIn == null || TRUST.isAnonymous(signedIn)) {
            return new AuthorizationDecision(false);
        }
        try {
            Callers.of(signedIn);
            return byRole;
        } catch (AccessDeniedException denied) {
            return new NoCompany(denied.getMessage());
        }
    }

    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        AuthorizationResult result = authorize(authentication, context);
        return result instanceof AuthorizationDecision decision ? decision
                : new AuthorizationDecision(result != null && result.isGranted());
    }
}
