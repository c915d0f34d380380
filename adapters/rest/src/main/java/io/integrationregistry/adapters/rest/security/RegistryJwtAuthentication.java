package io.integrationregistry.adapters.rest.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/** A JWT sign-in that also carries the company read from the configured company claim (may be null). */
public final class RegistryJwtAuthentication extends JwtAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final String company;

    public RegistryJwtAuthentication(
            Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name, String company) {
        super(jwt, authorities, name);
        this.company = company;
    }

    /** The company claim's value, or null when the token has none. */
    public String company() {
        return company;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
