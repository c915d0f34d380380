package io.integrationregistry.adapters.rest.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The roles of the registry; a role becomes the Spring Security authority {@code ROLE_<name>}.
 *
 * <p>{@code INTEGRATION_ADMIN}, {@code AUDITOR} and {@code DOCUMENT_USER} act within the one company their
 * user belongs to. {@code OPERATOR} runs the service for all companies and belongs to none: it alone may
 * rebuild read models, re-wrap the data keys and read Actuator beyond health and info, and it may not see
 * or change any company's integrations.
 */
public enum Role {

    /** May do everything in the API of its company. */
    INTEGRATION_ADMIN,
    /** Reads only: the integrations and their history; {@code 403} on every write. */
    AUDITOR,
    /** May list and read integrations (to call providers with them); {@code 403} on every write. */
    DOCUMENT_USER,
    /**
     * Service-wide, in no company: {@code /api/admin/**} (the projections and their rebuild) and Actuator
     * beyond health and info (metrics, projections, the data keys and their re-wrap); {@code 403} on every
     * company's API. Cannot be combined with the company roles.
     */
    OPERATOR;

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

    /** Whether the role acts within a company (every role but {@link #OPERATOR}). */
    public boolean inCompany() {
        return this != OPERATOR;
    }

    /** The role names, for messages: {@code INTEGRATION_ADMIN, AUDITOR, DOCUMENT_USER, OPERATOR}. */
    public static String names() {
        return Arrays.stream(values()).map(Role::name).collect(Collectors.joining(", "));
    }
}
