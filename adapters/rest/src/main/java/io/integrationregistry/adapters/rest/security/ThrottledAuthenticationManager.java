package io.integrationregistry.adapters.rest.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import java.time.Duration;
import java.util.Optional;

/**
 * Checks a user name and password (HTTP Basic) only when neither the user name nor the client's address is
 * locked out by {@link SignInAttempts}; counts the outcome. A locked-out attempt fails with
 * {@link TooManySignInAttempts} whatever its password, so that a lock-out does not tell a right password
 * from a wrong one. The client's address is the request's remote address.
 */
final class ThrottledAuthenticationManager implements AuthenticationManager {

    private static final Logger log = LoggerFactory.getLogger(ThrottledAuthenticationManager.class);
    private static final int LOGGED_NAME_LENGTH = 64;

    private final AuthenticationManager delegate;
    private final SignInAttempts attempts;
    private final SignInMeters meters;

    ThrottledAuthenticationManager(AuthenticationManager delegate, SignInAttempts attempts, SignInMeters meters) {
        this.delegate = delegate;
        this.attempts = attempts;
        this.meters = meters;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String address = address(authentication);
        Optional<Duration> locked = attempts.lockedFor(username, address);
        if (locked.isPresent()) {
            TooManySignInAttempts refused = new TooManySignInAttempts(locked.get());
            meters.throttled();
            log.debug(
                    "Sign-in refused without a check for user name '{}' from {}: locked out for {} s more",
                    loggable(username),
                    address,
                    refused.retryAfterSeconds());
            throw refused;
        }
        Authentication signedIn;
        try {
            signedIn = delegate.authenticate(authentication);
        } catch (InternalAuthenticationServiceException broken) {
            // not the caller's fault (the user store failed): not counted
            throw broken;
        } catch (AuthenticationException failed) {
            SignInAttempts.Failure failure = attempts.failed(username, address);
            meters.failed(failure);
            if (failure.lockedOut()) {
                log.warn(
                        "Sign-in locked out after failed attempts: user name '{}' ({} failed{}), address {} ({} "
                                + "failed{})",
                        loggable(username),
                        failure.userFailures(),
                        lockout(failure.userLockout()),
                        address,
                        failure.addressFailures(),
                        lockout(failure.addressLockout()));
            } else {
                log.info("Failed sign-in for user name '{}' from {}", loggable(username), address);
            }
            throw failed;
        }
        if (signedIn != null && signedIn.isAuthenticated()) {
            attempts.succeeded(username, address);
        }
        return signedIn;
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details
                        && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : "unknown";
    }

    private static String lockout(Optional<Duration> lockout) {
        return lockout.map(duration -> ", locked out for " + duration.toSeconds() + " s")
                .orElse("");
    }

    /** The user name as typed, safe for a log line: no control characters, at most 64 characters. */
    static String loggable(String username) {
        if (username == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder();
        username.codePoints()
                .limit(LOGGED_NAME_LENGTH)
                .forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return username.codePointCount(0, username.length()) > LOGGED_NAME_LENGTH ? safe + "…" : safe.toString();
    }
}
