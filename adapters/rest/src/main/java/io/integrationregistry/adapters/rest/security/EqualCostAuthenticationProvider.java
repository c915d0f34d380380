package io.integrationregistry.adapters.rest.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.AbstractUserDetailsAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an HTTP Basic user name and password so that a failed sign-in takes the same time whether the user
 * exists or not, and whatever the encoding of its password: every failed attempt costs one password-hash
 * check of the configured users' cost. A wrong password of a user with a hashed password costs that hash;
 * an unknown user name costs a check against a dummy hash of the same algorithm and cost; a wrong password
 * of a user whose encoding costs nothing ({@code {noop}}) costs that same dummy check on top. (A right
 * password needs no such check: its answer already tells the caller everything.)
 *
 * <p>The dummy hash: for {@code {bcrypt}} users, a hash of a random password with the same bcrypt version
 * and cost; for another costly encoding, the first such user's own hash (only the time of the check matters,
 * its result is never used); without any hashed user, {@code {bcrypt}} of the default strength.
 */
final class EqualCostAuthenticationProvider extends AbstractUserDetailsAuthenticationProvider {

    /** The encodings whose check is a deliberately slow hash. */
    private static final Set<String> COSTLY = Set.of(
            "bcrypt",
            "scrypt",
            "argon2",
            "pbkdf2",
            "scrypt@springsecurity_v5_8",
            "argon2@springsecurity_v5_8",
            "pbkdf2@springsecurity_v5_8");

    private static final Pattern BCRYPT = Pattern.compile("^\\{bcrypt}\\$(2[abyx]?)\\$(\\d{2})\\$.*");

    private final RegistryUserDetailsService users;
    private final PasswordEncoder encoder;
    private final String dummy;

    EqualCostAuthenticationProvider(RegistryUserDetailsService users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
        this.dummy = dummyLike(users.storedPasswords(), encoder);
    }

    @Override
    protected UserDetails retrieveUser(String username, UsernamePasswordAuthenticationToken authentication) {
        try {
            return users.loadUserByUsername(username);
        } catch (UsernameNotFoundException unknown) {
            spendOneCheck(authentication);
            throw unknown;
        }
    }

    @Override
    protected void additionalAuthenticationChecks(
            UserDetails user, UsernamePasswordAuthenticationToken authentication) {
        Object credentials = authentication.getCredentials();
        String stored = user.getPassword();
        if (credentials == null || stored == null) {
            spendOneCheck(authentication);
            throw new BadCredentialsException("Bad credentials");
        }
        if (!encoder.matches(credentials.toString(), stored)) {
            if (!costly(stored)) {
                spendOneCheck(authentication);
            }
            throw new BadCredentialsException("Bad credentials");
        }
    }

    /** One check against the dummy hash; its result is of no use. */
    void spendOneCheck(UsernamePasswordAuthenticationToken authentication) {
        Object credentials = authentication.getCredentials();
        encoder.matches(credentials == null ? "" : credentials.toString(), dummy);
    }

    String dummy() {
        return dummy;
    }

    static boolean costly(String stored) {
        int end = stored.indexOf('}');
        return stored.startsWith("{")
                && end > 1
                && COSTLY.contains(stored.substring(1, end).toLowerCase(Locale.ROOT));
    }

    private static String dummyLike(List<String> storedPasswords, PasswordEncoder encoder) {
        String random = RegistryUserDetailsService.randomPassword();
        for (String stored : storedPasswords) {
            if (stored == null || !costly(stored)) {
                continue;
            }
            Matcher bcrypt = BCRYPT.matcher(stored);
            if (bcrypt.matches()) {
                BCryptPasswordEncoder.BCryptVersion version = switch (bcrypt.group(1)) {
                    case "2b" -> BCryptPasswordEncoder.BCryptVersion.$2B;
                    case "2y" -> BCryptPasswordEncoder.BCryptVersion.$2Y;
                    default -> BCryptPasswordEncoder.BCryptVersion.$2A;
                };
                try {
                    return "{bcrypt}"
                            + new BCryptPasswordEncoder(version, Integer.parseInt(bcrypt.group(2))).encode(random);
                } catch (IllegalArgumentException unusualCost) {
                    return stored;
                }
            }
            return stored;
        }
        return encoder.encode(random);
    }
}
