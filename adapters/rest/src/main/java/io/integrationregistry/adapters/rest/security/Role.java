package io.integrationregistry.adapters.rest.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The roles of the registry; a role becomes the Spring Security authority {@code ROLE_<name>}. */
public enum Role {

    /** May do everything in the API of its company, and use the operational Actuator endpoints. */
    INTEGRATION_ADMIN,
    /** Reads only: the integrations and their history; {@code 403} on every write. */
    AUDITOR,
    /** May list and read integrations (to call providers with them); {@code 403} on every write. */
    DOCUMENT_USER;

    private static final String PREFIX = "ROLE_";

    /** The authority Spring Security checks, {@code ROLE_} + the role's name. */
    public String authority() {
        return PREFIX + name();
    }

    public GrantedAuthority grantedAuthority() {
        return new SimpleGrantedAuthority(authority());
    }

    /**
     * The role a name stands for: case-insensitive, surrounding blanks ignored, with or without the
     * {@code ROLE_} prefix; empty when no role has that name.
     */
    public static Optional<Role> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.strip().toUpperCase(Locale.ROOT);
        if (normalized.startsWith(PREFIX)) {
            normalized = normalized.substring(PREFIX.length());
        }
        for (Role role : values()) {
            if (role.name().equals(normalized)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The role names, for messages: {@code INTEGRATION_ADMIN, AUDITOR, DOCUMENT_USER}. */
    public static String names() {
        return Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", "));
    }
}
