package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.InvalidValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes a {@link RegistryOidcUser} of a user the OpenID Connect provider signed in, from the claims of the
 * ID token and, when the provider has a userinfo endpoint, of its answer: the login from the username claim
 * (or {@code sub}), the company and the roles from their claims, read as in the JWT mode. A user without a
 * company, without a role of a company ({@code INTEGRATION_ADMIN}, {@code AUDITOR}, {@code DOCUMENT_USER}),
 * or whose login or company is not a valid name, is refused: the sign-in fails with one of the error codes
 * below, which the page shows as a message.
 */
final class RegistryOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String NO_COMPANY = "registry_no_company";
    static final String NO_ROLE = "registry_no_role";
    static final String INVALID_USER = "registry_invalid_user";

    private static final Logger log = LoggerFactory.getLogger(RegistryOidcUserService.class);

    private final OAuth2UserService<OidcUserRequest, OidcUser> provider;
    private final RegistrySecurityProperties.Jwt claims;

    RegistryOidcUserService(RegistrySecurityProperties.Oidc settings) {
        this(new OidcUserService(), settings);
    }

    RegistryOidcUserService(
            OAuth2UserService<OidcUserRequest, OidcUser> provider, RegistrySecurityProperties.Oidc settings) {
        this.provider = provider;
        this.claims = settings.claims();
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser signedIn = provider.loadUser(request);
        Map<String, Object> all = signedIn.getClaims();
        String username = RegistryJwtAuthenticationConverter.username(all, claims);
        String company = RegistryJwtAuthenticationConverter.company(all, claims);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        RegistryJwtAuthenticationConverter.roles(all, claims).stream()
                .filter(Role::inCompany)
                .forEach(roles::add);
        if (company == null) {
            throw refused(
                    NO_COMPANY, username, "the ID token names no company (claim '" + claims.companyClaim() + "')");
        }
        if (roles.isEmpty()) {
            throw refused(
                    NO_ROLE, username, "the ID token names no role of a company (claim '" + claims.rolesClaim() + "')");
        }
        try {
            new Actor(username);
            new CompanyId(company);
        } catch (InvalidValue invalid) {
            throw refused(INVALID_USER, username, "the login or the company is not valid: " + invalid.rule());
        }
        log.info(
                "{} signed in through the OpenID Connect provider (company {}, roles {})",
                ThrottledAuthenticationManager.loggable(username),
                ThrottledAuthenticationManager.loggable(company),
                roles);
        return new RegistryOidcUser(
                new RegistryUser(username, null, company, roles), signedIn.getIdToken(), signedIn.getUserInfo());
    }

    private static OAuth2AuthenticationException refused(String code, String username, String reason) {
        log.info(
                "Refused the OpenID Connect sign-in of {}: {}",
                username == null ? "-" : ThrottledAuthenticationManager.loggable(username),
                reason);
        return new OAuth2AuthenticationException(new OAuth2Error(code, reason, null), reason);
    }
}
