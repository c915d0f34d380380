package io.integrationregistry.adapters.rest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts failed sign-ins per user name and per client address, and says when further attempts are to be
 * refused without checking the password.
 *
 * <p>After {@link Settings#maxFailures()} failures for a user name (or from an address), that user name (or
 * address) is locked out for {@link Settings#firstLockout()}; each further failure once the lock-out is over
 * doubles it, up to {@link Settings#maxLockout()}. Attempts refused during a lock-out are not counted (they
 * are never checked), so a lock-out never outlasts its announced end. A successful sign-in clears the counter
 * of its user name. It does not clear the counter of its address: otherwise a single valid account would let
 * one address guess the passwords of every other user. A counter without a failure for
 * {@link Settings#forgetAfter()} is forgotten.
 *
 * <p>Memory is bounded: each of the two tables keeps at most {@link Settings#maxTracked()} counters, dropping
 * the one whose last failure is the oldest, and keys are cut to {@value #MAX_KEY_LENGTH} characters.
 * Thread-safe.
 */
public final class SignInAttempts {

    /** Longer user names are counted by their first characters (a Basic header can be a few kilobytes). */
    static final int MAX_KEY_LENGTH = 256;

    /**
     * How sign-ins are throttled.
     *
     * @param maxFailures  failed attempts for one user name, or from one address, before it is locked out
     * @param firstLockout the first lock-out; it doubles with every failure after it
     * @param maxLockout   the longest lock-out
     * @param forgetAfter  a counter without a failure for this long is forgotten (at least {@code maxLockout})
     * @param maxTracked   the most user names, and the most addresses, counted at a time
     */
    public record Settings(
            int maxFailures, Duration firstLockout, Duration maxLockout, Duration forgetAfter, int maxTracked) {

        public static final Settings DEFAULTS =
                new Settings(10, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), 10_000);

        public Settings {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("max-failures must be at least 1");
            }
            if (maxTracked < 1) {
                throw new IllegalArgumentException("max-tracked must be at least 1");
            }
            Objects.requireNonNull(firstLockout, "first-lockout");
            Objects.requireNonNull(maxLockout, "max-lockout");
            Objects.requireNonNull(forgetAfter, "forget-after");
            if (firstLockout.isNegative() || firstLockout.isZero()) {
                throw new IllegalArgumentException("first-lockout must be positive");
            }
            if (maxLockout.compareTo(firstLockout) < 0) {
                throw new IllegalArgumentException("max-lockout must not be shorter than first-lockout");
            }
            if (forgetAfter.compareTo(maxLockout) < 0) {
                forgetAfter = maxLockout;
            }
        }
    }

    /** What a failure did: the lock-out it started for the user name and for the address, if any. */
    public record Failure(
            int userFailures, Optional<Duration> userLockout, int addressFailures, Optional<Duration> addressLockout) {

        /** Whether this failure locked out the user name or the address. */
        public boolean lockedOut() {
            return userLockout.isPresent() || addressLockout.isPresent();
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Counters users;
    private final Counters addresses;

    public SignInAttempts(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.users = new Counters(settings);
        this.addresses = new Counters(settings);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * How long attempts for this user name or from this address are still refused; empty when an attempt
     * may be checked.
     */
    public Optional<Duration> lockedFor(String username, String address) {
        Instant now = clock.instant();
        Optional<Duration> user = users.lockedFor(key(username), now);
        Optional<Duration> fromAddress = addresses.lockedFor(key(address), now);
        if (user.isPresent() && fromAddress.isPresent()) {
            return Optional.of(user.get().compareTo(fromAddress.get()) >= 0 ? user.get() : fromAddress.get());
        }
        return user.isPresent() ? user : fromAddress;
    }

    /** Counts a failed attempt (a wrong password, or an unknown user name) for the user name and the address. */
    public Failure failed(String username, String address) {
        Instant now = clock.instant();
        Counters.Counted user = users.failed(key(username), now);
        Counters.Counted fromAddress = addresses.failed(key(address), now);
        return new Failure(user.failures(), user.lockout(), fromAddress.failures(), fromAddress.lockout());
    }

    /** A successful sign-in: the user name's counter starts again from zero. */
    public void succeeded(String username, String address) {
        users.clear(key(username));
    }

    /** How many user names and addresses are counted now (for tests of the memory bound). */
    int tracked() {
        return users.size() + addresses.size();
    }

    private static String key(String value) {
        String key = value == null ? "" : value;
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }

    /** One table of counters, ordered by last failure (oldest first). */
    private static final class Counters {

        record Counted(int failures, Optional<Duration> lockout) {}

        private static final class Counter {
            int failures;
            Instant lastFailure;
            Instant lockedUntil;
        }

        private final Settings settings;
        private final LinkedHashMap<String, Counter> counters = new LinkedHashMap<>();

        Counters(Settings settings) {
            this.settings = settings;
        }

        synchronized Optional<Duration> lockedFor(String key, Instant now) {
            Counter counter = counters.get(key);
            if (counter == null || counter.lockedUntil == null || !now.isBefore(counter.lockedUntil)) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, counter.lockedUntil));
        }

        synchronized Counted failed(String key, Instant now) {
            forgetOld(now);
            Counter counter = counters.remove(key);
            if (counter == null) {
                counter = new Counter();
            }
            counter.failures++;
            counter.lastFailure = now;
            Optional<Duration> lockout = Optional.empty();
            if (counter.failures >= settings.maxFailures()) {
                Duration duration = lockout(counter.failures - settings.maxFailures());
                counter.lockedUntil = now.plus(duration);
                lockout = Optional.of(duration);
            }
            // re-inserted at the end: the table stays ordered by last failure
            counters.put(key, counter);
            while (counters.size() > settings.maxTracked()) {
                Iterator<String> oldest = counters.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            return new Counted(counter.failures, lockout);
        }

        synchronized void clear(String key) {
            counters.remove(key);
        }

        synchronized int size() {
            return counters.size();
        }

        /** first-lockout doubled {@code doublings} times, at most max-lockout. */
        private Duration lockout(int doublings) {
            Duration lockout = settings.firstLockout();
            for (int i = 0; i < doublings && lockout.compareTo(settings.maxLockout()) < 0; i++) {
                lockout = lockout.multipliedBy(2);
            }
            return lockout.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : lockout;
        }

        private void forgetOld(Instant now) {
            Iterator<Map.Entry<String, Counter>> entries = counters.entrySet().iterator();
            while (entries.hasNext()) {
                Counter counter = entries.next().getValue();
                if (counter.lastFailure.plus(settings.forgetAfter()).isAfter(now)) {
                    return;
                }
                entries.remove();
            }
        }
    }
}
