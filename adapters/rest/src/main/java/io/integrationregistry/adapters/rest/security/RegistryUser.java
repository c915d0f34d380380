package io.integrationregistry.adapters.rest.security;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user who signs in with HTTP Basic: a username, a (prefix-encoded) password, the one company the
 * user belongs to, and the user's roles. Its {@link #toString()} never shows the password.
 *
 * <p>Tests of controllers can sign such a user in with
 * {@code SecurityMockMvcRequestPostProcessors.user(new RegistryUser("alice", "{noop}x", "acme", Set.of(Role.AUDITOR)))}.
 */
public final class RegistryUser implements UserDetails, CredentialsContainer {

    private final String username;
    private String password;
    private final String company;
    private final Set<Role> roles;
    private final List<GrantedAuthority> authorities;

    public RegistryUser(String username, String password, String company, Set<Role> roles) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = password;
        this.company = company;
        this.roles = roles == null || roles.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(roles));
        this.authorities = this.roles.stream().map(Role::grantedAuthority).toList();
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public String getPassword() {
        return password;
    }

    /** The company the user belongs to and acts for. */
    public String company() {
        return company;
    }

    public Set<Role> roles() {
        return roles;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public void eraseCredentials() {
        password = null;
    }

    /** A copy of this user, so that erasing the copy's credentials leaves this one intact. */
    RegistryUser copy() {
        return new RegistryUser(username, password, company, roles);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RegistryUser user && username.equals(user.username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return "RegistryUser[username=" + username + ", company=" + company + ", roles=" + roles + "]";
    }
}
