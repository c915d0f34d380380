package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.InvalidValue;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP Basic users, from {@code registry.security.users.*}, checked when the service starts: every
 * user needs a password with the id of its encoding and known roles, and a company unless it is an
 * {@code OPERATOR} (who has no company and no other role).
 */
public final class RegistryUserDetailsService implements UserDetailsService {

    /** The users created when no user and no JWT issuer is configured: an administrator of a company ... */
    public static final String GENERATED_USERNAME = "admin";

    public static final String GENERATED_COMPANY = "default";
    /** ... and an operator of the service. */
    public static final String GENERATED_OPERATOR = "operator";

    private final Map<String, RegistryUser> users;

    public RegistryUserDetailsService(Collection<RegistryUser> users) {
        Map<String, RegistryUser> byName = new LinkedHashMap<>();
        for (RegistryUser user : users) {
            byName.put(user.getUsername(), user.copy());
        }
        this.users = Map.copyOf(byName);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        RegistryUser user = username == null ? null : users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such user");
        }
        // a copy: the authentication manager erases the credentials of what it is given
        return user.copy();
    }

    /** The stored (encoded) passwords, for a dummy check of the same cost. */
    List<String> storedPasswords() {
        return users.values().stream().map(RegistryUser::getPassword).toList();
    }

    /** The usernames, in no particular order. */
    public Set<String> usernames() {
        return users.keySet();
    }

    /**
     * The users of the properties, checked.
     *
     * @throws IllegalStateException naming the property at fault
     */
    static List<RegistryUser> fromProperties(
            Map<String, RegistrySecurityProperties.User> configured, PasswordEncoder encoder) {
        List<RegistryUser> users = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        configured.forEach((username, user) -> {
            String property = RegistrySecurityProperties.PREFIX + ".users." + username;
            int before = problems.size();
            try {
                new Actor(username);
            } catch (InvalidValue invalid) {
                problems.add(property + ": the username " + invalid.rule());
            }
            if (user == null) {
                problems.add(property + ".password: is required");
                return;
            }
            checkPassword(property + ".password", user.password(), encoder, problems);
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String name : user.roles()) {
                if (name == null || name.isBlank()) {
                    continue;
                }
                Optional<Role> role = Role.named(name);
                if (role.isPresent()) {
                    roles.add(role.get());
                } else {
                    problems.add(
                            property + ".roles: unknown role '" + name.strip() + "'; the roles are " + Role.names());
                }
            }
            if (user.roles().stream().allMatch(name -> name == null || name.isBlank())) {
                problems.add(property + ".roles: is required; give one or more of " + Role.names()
                        + ", separated by commas");
            }
            checkCompany(property, user.company(), roles, problems);
            if (problems.size() == before) {
                users.add(new RegistryUser(
                        username.strip(),
                        user.password().strip(),
                        roles.contains(Role.OPERATOR) ? null : user.company().strip(),
                        roles));
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid security configuration: " + String.join("; ", problems));
        }
        return users;
    }

    /**
     * A user of the company roles needs a company; an {@code OPERATOR} works for the whole service, so it has
     * no company and no company role.
     */
    private static void checkCompany(String property, String company, Set<Role> roles, List<String> problems) {
        boolean blank = company == null || company.isBlank();
        if (roles.contains(Role.OPERATOR)) {
            if (roles.stream().anyMatch(Role::inCompany)) {
                problems.add(property + ".roles: " + Role.OPERATOR + " works for no company and cannot be combined "
                        + "with a company's roles; configure a separate user");
            }
            if (!blank) {
                problems.add(property + ".company: must be left out for an " + Role.OPERATOR
                        + ", who belongs to no company");
            }
            return;
        }
        if (blank) {
            problems.add(property + ".company: is required (the company the user belongs to)");
            return;
        }
        try {
            new CompanyId(company);
        } catch (InvalidValue invalid) {
            problems.add(property + ".company: " + invalid.rule());
        }
    }

    private static void checkPassword(
            String property, String password, PasswordEncoder encoder, List<String> problems) {
        if (password == null || password.isBlank()) {
            problems.add(property + ": is required");
            return;
        }
        String encoded = password.strip();
        if (!encoded.startsWith("{") || encoded.indexOf('}') < 2) {
            problems.add(property + ": must start with the id of its encoding, such as {bcrypt} or {noop}");
            return;
        }
        try {
            encoder.matches("", encoded);
        } catch (IllegalArgumentException unknownEncoding) {
            problems.add(property + ": unknown encoding '" + encoded.substring(0, encoded.indexOf('}') + 1)
                    + "'; use {bcrypt}, {noop} or another id of Spring's DelegatingPasswordEncoder");
        }
    }

    /** A random password for the generated user: 24 URL-safe characters (144 bits). */
    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
