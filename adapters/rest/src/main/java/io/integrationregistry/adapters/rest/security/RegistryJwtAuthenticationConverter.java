package io.integrationregistry.adapters.rest.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a validated JWT into a {@link RegistryJwtAuthentication}: the name from the username claim
 * ({@code preferred_username} by default) or else {@code sub}; the roles from the roles claim (a JSON array
 * of strings or one string separated by spaces or commas; unknown names are ignored, {@code ROLE_} prefix
 * and case are tolerated); the company from the company claim.
 *
 * <p>A claim name is first looked up as it is; when absent and it contains dots, it is read as a path
 * into nested objects ({@code realm_access.roles}).
 */
public final class RegistryJwtAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final RegistrySecurityProperties.Jwt claims;

    public RegistryJwtAuthenticationConverter(RegistrySecurityProperties.Jwt claims) {
        this.claims = claims == null ? new RegistrySecurityProperties.Jwt(null, null, null) : claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities =
                roles(jwt).stream().map(Role::grantedAuthority).toList();
        return new RegistryJwtAuthentication(jwt, authorities, username(jwt), company(jwt));
    }

    String username(Jwt jwt) {
        return username(jwt.getClaims(), claims);
    }

    String company(Jwt jwt) {
        return company(jwt.getClaims(), claims);
    }

    Set<Role> roles(Jwt jwt) {
        return roles(jwt.getClaims(), claims);
    }

    /** The login named by the username claim, or else by {@code sub}; null when neither is there. */
    static String username(Map<String, Object> all, RegistrySecurityProperties.Jwt names) {
        String name = scalar(claim(all, names.usernameClaim()));
        if (name == null || name.isBlank()) {
            name = scalar(all.get(JwtClaimNames.SUB));
        }
        return name == null || name.isBlank() ? null : name;
    }

    /** The company claim's value; null when there is none. */
    static String company(Map<String, Object> all, RegistrySecurityProperties.Jwt names) {
        String company = scalar(claim(all, names.companyClaim()));
        return company == null || company.isBlank() ? null : company;
    }

    /** The known roles the roles claim names. */
    static Set<Role> roles(Map<String, Object> all, RegistrySecurityProperties.Jwt names) {
        Object value = claim(all, names.rolesClaim());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (value instanceof Collection<?> list) {
            for (Object name : list) {
                if (name instanceof String text) {
                    Role.named(text).ifPresent(roles::add);
                }
            }
        } else if (value instanceof String text) {
            for (String name : SEPARATORS.split(text.strip())) {
                Role.named(name).ifPresent(roles::add);
            }
        }
        return roles;
    }

    private static Object claim(Map<String, Object> all, String name) {
        if (all.containsKey(name) || !name.contains(".")) {
            return all.get(name);
        }
        Object current = all;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String scalar(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }
}
