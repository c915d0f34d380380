package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failed sign-in takes one password-hash check whoever tries: a user with a {@code {noop}} password, one
 * with a {@code {bcrypt}} password, or a user name nobody has.
 */
class SignInTimingTest {

    private static final int ROUNDS = 5;
    /** Generous: each median is one bcrypt check; without the equal cost they differ a hundredfold. */
    private static final double FACTOR = 3.0;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void userNamesCannotBeToldApartByTiming() {
        ProviderManager signIn = new ProviderManager(new EqualCostAuthenticationProvider(users(encoder), encoder));
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (String user : List.of("noop-user", "bcrypt-user", "nobody")) {
            nanos.put(user, new long[ROUNDS]);
        }
        signIn(signIn, "nobody"); // warm-up: class loading, the JIT
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, long[]> user : nanos.entrySet()) {
                long start = System.nanoTime();
                signIn(signIn, user.getKey());
                user.getValue()[round] = System.nanoTime() - start;
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        nanos.forEach((user, times) -> medians.put(user, median(times) / 1e6));
        double fastest = medians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest = medians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("Failed sign-in medians (ms): %s%n", medians);
        assertThat(slowest / fastest).as("median ms of a failed sign-in per user: %s", medians)
                .isLessThan(FACTOR);
    }

    @Test
    void every_failed_sign_in_costs_exactly_one_check_of_the_dummy_or_the_user_s_hash() {
        AtomicInteger costly = new AtomicInteger();
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                if (EqualCostAuthenticationProvider.costly(encoded)) {
                    costly.incrementAndGet();
                }
                return encoder.matches(raw, encoded);
            }
        };
        ProviderManager signIn = new ProviderManager(new EqualCostAuthenticationProvider(users(encoder), counting));
        for (String user : List.of("noop-user", "bcrypt-user", "nobody")) {
            costly.set(0);
            signIn(signIn, user);
            assertThat(costly).as(user).hasValue(1);
        }
    }

    @Test
    void the_dummy_hash_has_the_algorithm_and_cost_of_the_configured_users() {
        String cost11 = "{bcrypt}" + new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 11)
                .encode("x");
        EqualCostAuthenticationProvider provider = new EqualCostAuthenticationProvider(new RegistryUserDetailsService(
                List.of(user("noop-user", "{noop}a"), user("slow", cost11))), encoder);
        assertThat(provider.dummy()).startsWith("{bcrypt}$2b$11$").isNotEqualTo(cost11);
        EqualCostAuthenticationProvider onlyNoop = new EqualCostAuthenticationProvider(
                new RegistryUserDetailsService(List.of(user("noop-user", "{noop}a"))), encoder);
        assertThat(onlyNoop.dummy()).startsWith("{bcrypt}$2a$10$");
    }

    private static void signIn(ProviderManager signIn, String user) {
        assertThatThrownBy(() -> signIn.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(user, "wrong-password")))
                .isInstanceOf(BadCredentialsException.class);
    }

    private static RegistryUserDetailsService users(PasswordEncoder encoder) {
        List<RegistryUser> users = new ArrayList<>();
        users.add(user("noop-user", "{noop}right-password"));
        users.add(user("bcrypt-user", encoder.encode("right-password")));
        return new RegistryUserDetailsService(users);
    }

    private static RegistryUser user(String name, String password) {
        return new RegistryUser(name, password, "acme", Set.of(Role.AUDITOR));
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
