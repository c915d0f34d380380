package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.InvalidValue;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The acting user of a request, as the application's {@link Caller}: who signed in and the company
 * they act for. Works for every way to sign in (HTTP Basic users, JWTs and the admin page's OpenID Connect sign-in).
 */
public final class Callers {

    /** The message of the {@link AccessDeniedException} thrown when the user has no company. */
    public static final String NO_COMPANY = "the signed-in user belongs to no company";
    /** The company claim read from a plain {@link JwtAuthenticationToken} (one not made by this package). */
    static final String DEFAULT_COMPANY_CLAIM = "company";

    private Callers() {}

    /**
     * The caller of the signed-in user.
     *
     * @throws AuthenticationCredentialsNotFoundException when nobody is signed in (answered with 401)
     * @throws AccessDeniedException                      when the user belongs to no company, or the username
     *                                                    or company is not a valid {@link Actor} /
     *                                                    {@link CompanyId} (answered with 403)
     */
    public static Caller of(Authentication authentication) {
        if (authentication == null
                || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            throw new AuthenticationCredentialsNotFoundException("nobody is signed in");
        }
        String username;
        String company;
        if (authentication.getPrincipal() instanceof RegistryUser user) {
            username = user.getUsername();
            company = user.company();
        } else if (authentication.getPrincipal() instanceof RegistryOidcUser oidc) {
            username = oidc.registryUser().getUsername();
            company = oidc.registryUser().company();
        } else if (authentication instanceof RegistryJwtAuthentication jwt) {
            username = jwt.getName();
            company = jwt.company();
        } else if (authentication instanceof JwtAuthenticationToken jwt) {
            username = jwt.getName();
            company = jwt.getToken().getClaimAsString(DEFAULT_COMPANY_CLAIM);
        } else {
            username = authentication.getName();
            company = null;
        }
        if (company == null || company.isBlank()) {
            throw new AccessDeniedException(NO_COMPANY);
        }
        Actor actor;
        try {
            actor = new Actor(username);
        } catch (InvalidValue invalid) {
            throw new AccessDeniedException("the signed-in user's name is not valid: " + invalid.rule());
        }
        try {
            return new Caller(actor, new CompanyId(company));
        } catch (InvalidValue invalid) {
            throw new AccessDeniedException("the signed-in user's company is not valid: " + invalid.rule());
        }
    }
}
