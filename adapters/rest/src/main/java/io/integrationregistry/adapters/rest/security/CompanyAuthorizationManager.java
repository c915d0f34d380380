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
 * {@link Callers#of} will name the caller); otherwise denies it. An {@link Role#OPERATOR} is denied whatever
 * else it holds (a token may carry more roles and a company): the operator runs the service, it does not
 * act for a company.
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

    /** Why an operator is refused a company's API. */
    static final String OPERATOR_HAS_NO_COMPANY =
            "an operator works for the whole service and sees no company's integrations";

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
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication signedIn = authentication.get();
        if (signedIn != null
                && !TRUST.isAnonymous(signedIn)
                && signedIn.getAuthorities().stream()
                        .anyMatch(authority -> Role.OPERATOR.authority().equals(authority.getAuthority()))) {
            return new NoCompany(OPERATOR_HAS_NO_COMPANY);
        }
        AuthorizationResult byRole = roles.authorize(() -> signedIn, context);
        if (byRole == null || !byRole.isGranted()) {
            return byRole == null ? new AuthorizationDecision(false) : byRole;
        }
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
        return result instanceof AuthorizationDecision decision
                ? decision
                : new AuthorizationDecision(result != null && result.isGranted());
    }
}
