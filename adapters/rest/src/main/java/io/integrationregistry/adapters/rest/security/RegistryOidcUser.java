package io.integrationregistry.adapters.rest.security;

import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.util.Objects;

/**
 * A user signed in through the OpenID Connect provider: the provider's view of the user (ID token and
 * userinfo, kept in the server's session only) and the {@link RegistryUser} read from its claims, whose
 * login, company and roles the rest of the service uses. Its authorities are the user's roles only.
 */
public final class RegistryOidcUser extends DefaultOidcUser {

    private static final long serialVersionUID = 1L;

    private final RegistryUser user;

    RegistryOidcUser(RegistryUser user, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(user.getAuthorities(), idToken, userInfo, IdTokenClaimNames.SUB);
        this.user = Objects.requireNonNull(user, "user");
    }

    /** The registry's user: login, company and roles. */
    public RegistryUser registryUser() {
        return user;
    }

    /** The registry's login (the username claim, or {@code sub}), which the audit trail names as the actor. */
    @Override
    public String getName() {
        return user.getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    @Override
    public String toString() {
        return "RegistryOidcUser[" + user + "]";
    }
}
