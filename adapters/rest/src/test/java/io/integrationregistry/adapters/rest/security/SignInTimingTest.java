package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A failed sign-in takes one password-hash check whoever tries: a user with a {@code {noop}} password, one
 * with a {@code {bcrypt}} password, or a user name nobody has. Timed through the service's filters (HTTP
 * Basic), with a lock-out threshold high enough not to cut the attempts short.
 */
@SpringBootTest(
        classes = SecurityTestApp.App.class,
        properties = {
            "registry.security.users.noop-user.password={noop}right-password",
            "registry.security.users.noop-user.company=acme",
            "registry.security.users.noop-user.roles=AUDITOR",
            "registry.security.sign-in.max-failures=1000"
        })
@AutoConfigureMockMvc
class SignInTimingTest {

    private static final int ROUNDS = 5;
    /** Generous: each median is one bcrypt check; without the equal cost they differ a hundredfold. */
    private static final double FACTOR = 3.0;

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void bcryptUser(DynamicPropertyRegistry registry) {
        registry.add(
                "registry.security.users.bcrypt-user.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("right-password"));
        registry.add("registry.security.users.bcrypt-user.company", () -> "acme");
        registry.add("registry.security.users.bcrypt-user.roles", () -> "AUDITOR");
    }

    @Test
    void userNamesCannotBeToldApartByTiming() throws Exception {
        Map<String, long[]> nanos = new LinkedHashMap<>();
        for (String user : List.of("noop-user", "bcrypt-user", "nobody")) {
            nanos.put(user, new long[ROUNDS]);
        }
        signIn("nobody"); // warm-up: class loading, the JIT
        for (int round = 0; round < ROUNDS; round++) {
            for (Map.Entry<String, long[]> user : nanos.entrySet()) {
                long start = System.nanoTime();
                signIn(user.getKey());
                user.getValue()[round] = System.nanoTime() - start;
            }
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        nanos.forEach((user, times) -> medians.put(user, median(times) / 1e6));
        double fastest =
                medians.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double slowest =
                medians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        System.out.printf("Failed sign-in medians (ms): %s%n", medians);
        assertThat(slowest / fastest)
                .as("median ms of a failed sign-in per user: %s", medians)
                .isLessThan(FACTOR);
    }

    private void signIn(String user) throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic(user, "wrong-password"))).andExpect(status().isUnauthorized());
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
            assertThatThrownBy(() -> signIn.authenticate(
                            UsernamePasswordAuthenticationToken.unauthenticated(user, "wrong-password")))
                    .isInstanceOf(BadCredentialsException.class);
            assertThat(costly).as(user).hasValue(1);
        }
    }

    @Test
    void the_dummy_hash_has_the_algorithm_and_cost_of_the_configured_users() {
        String cost11 = "{bcrypt}" + new BCryptPasswordEncoder(BCryptPasswordEncoder.BCryptVersion.$2B, 11).encode("x");
        EqualCostAuthenticationProvider provider = new EqualCostAuthenticationProvider(
                new RegistryUserDetailsService(List.of(user("noop-user", "{noop}a"), user("slow", cost11))), encoder);
        assertThat(provider.dummy()).startsWith("{bcrypt}$2b$11$").isNotEqualTo(cost11);
        EqualCostAuthenticationProvider onlyNoop = new EqualCostAuthenticationProvider(
                new RegistryUserDetailsService(List.of(user("noop-user", "{noop}a"))), encoder);
        assertThat(onlyNoop.dummy()).startsWith("{bcrypt}$2a$10$");
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
