package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignInAttemptsTest {

    /** A clock that moves only when told. */
    static final class ManualClock extends Clock {

        private Instant now = Instant.parse("2026-11-29T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final SignInAttempts attempts = new SignInAttempts(SignInAttempts.Settings.DEFAULTS, clock);

    private void fail(int times, String username, String address) {
        for (int i = 0; i < times; i++) {
            attempts.failed(username, address);
        }
    }

    @Test
    void nine_failures_lock_nothing_and_the_tenth_locks_the_user_name_for_one_second() {
        fail(9, "alice", "10.0.0.1");
        assertThat(attempts.lockedFor("alice", "10.0.0.1")).isEmpty();

        SignInAttempts.Failure tenth = attempts.failed("alice", "10.0.0.1");

        assertThat(tenth.userFailures()).isEqualTo(10);
        assertThat(tenth.userLockout()).contains(Duration.ofSeconds(1));
        assertThat(attempts.lockedFor("alice", "10.0.0.2")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(attempts.lockedFor("alice", "10.0.0.2")).contains(Duration.ofMillis(600));
        clock.advance(Duration.ofMillis(600));
        assertThat(attempts.lockedFor("alice", "10.0.0.2")).isEmpty();
    }

    @Test
    void the_lockout_doubles_with_each_further_failure_up_to_fifteen_minutes() {
        fail(10, "alice", "10.0.0.1");
        Duration expected = Duration.ofSeconds(1);
        for (int failure = 11; failure <= 30; failure++) {
            clock.advance(attempts.lockedFor("alice", "10.0.0.9").orElse(Duration.ZERO));
            expected = expected.multipliedBy(2).compareTo(Duration.ofMinutes(15)) > 0
                    ? Duration.ofMinutes(15)
                    : expected.multipliedBy(2);

            SignInAttempts.Failure further = attempts.failed("alice", "10.0.0.1");

            assertThat(further.userLockout()).as("failure %d", failure).contains(expected);
        }
        assertThat(expected).isEqualTo(Duration.ofMinutes(15));
        assertThat(attempts.lockedFor("alice", "10.0.0.9")).contains(Duration.ofMinutes(15));
    }

    @Test
    void a_success_starts_the_user_names_count_again() {
        fail(9, "alice", "10.0.0.1");
        attempts.succeeded("alice", "10.0.0.1");
        fail(9, "alice", "10.0.0.2");

        assertThat(attempts.lockedFor("alice", "10.0.0.3")).isEmpty();

        fail(1, "alice", "10.0.0.2");
        clock.advance(Duration.ofSeconds(1));
        attempts.succeeded("alice", "10.0.0.2");
        SignInAttempts.Failure afterSuccess = attempts.failed("alice", "10.0.0.3");

        assertThat(afterSuccess.userFailures()).isEqualTo(1);
        assertThat(afterSuccess.userLockout()).isEmpty();
    }

    @Test
    void ten_failures_from_one_address_lock_the_address_for_every_user_name_but_not_other_addresses() {
        for (int i = 0; i < 10; i++) {
            attempts.failed("user-" + i, "10.0.0.66");
        }

        assertThat(attempts.lockedFor("bob", "10.0.0.66")).contains(Duration.ofSeconds(1));
        assertThat(attempts.lockedFor("bob", "10.0.0.67")).isEmpty();
        assertThat(attempts.lockedFor("user-1", "10.0.0.67")).isEmpty();
    }

    @Test
    void a_success_does_not_clear_the_address_count_so_one_account_cannot_unlock_guessing_others() {
        for (int i = 0; i < 9; i++) {
            attempts.failed("user-" + i, "10.0.0.66");
        }
        attempts.succeeded("mallory", "10.0.0.66");

        SignInAttempts.Failure tenth = attempts.failed("user-9", "10.0.0.66");

        assertThat(tenth.addressFailures()).isEqualTo(10);
        assertThat(tenth.addressLockout()).contains(Duration.ofSeconds(1));
    }

    @Test
    void the_longer_of_two_lockouts_is_answered() {
        fail(12, "alice", "10.0.0.1");
        Optional<Duration> user = attempts.lockedFor("alice", "10.0.0.99");
        for (int i = 0; i < 10; i++) {
            attempts.failed("other-" + i, "10.0.0.2");
        }

        assertThat(user).contains(Duration.ofSeconds(4));
        assertThat(attempts.lockedFor("alice", "10.0.0.2")).contains(Duration.ofSeconds(4));
        assertThat(attempts.lockedFor("bob", "10.0.0.2")).contains(Duration.ofSeconds(1));
    }

    @Test
    void counters_without_failures_for_the_forget_after_period_are_dropped() {
        fail(10, "alice", "10.0.0.1");
        clock.advance(Duration.ofHours(1));

        attempts.failed("bob", "10.0.0.2");

        assertThat(attempts.tracked()).isEqualTo(2);
        assertThat(attempts.failed("alice", "10.0.0.1").userFailures()).isEqualTo(1);
    }

    @Test
    void memory_is_bounded_by_dropping_the_oldest_counters() {
        SignInAttempts small = new SignInAttempts(
                new SignInAttempts.Settings(
                        10, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), 100),
                clock);

        for (int i = 0; i < 10_000; i++) {
            small.failed("user-" + i, "10.0." + (i / 256) + "." + (i % 256));
        }

        assertThat(small.tracked()).isEqualTo(200);
        assertThat(small.failed("user-9999", "x").userFailures()).isEqualTo(2);
        assertThat(small.failed("user-0", "x").userFailures()).isEqualTo(1);
    }

    @Test
    void very_long_user_names_are_counted_by_their_beginning() {
        String prefix = "a".repeat(SignInAttempts.MAX_KEY_LENGTH);
        for (int i = 0; i < 10; i++) {
            attempts.failed(prefix + i, "10.0.0.1" + i);
        }

        assertThat(attempts.lockedFor(prefix + "anything", "10.0.0.99")).isPresent();
    }

    @Test
    void settings_are_checked() {
        assertThatThrownBy(() -> new SignInAttempts.Settings(
                        0, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), 10))
                .hasMessageContaining("max-failures");
        assertThatThrownBy(() -> new SignInAttempts.Settings(
                        10, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofHours(1), 10))
                .hasMessageContaining("max-lockout");
        assertThat(new SignInAttempts.Settings(
                                10, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(1), 10)
                        .forgetAfter())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void the_settings_are_read_from_registry_security_sign_in_and_default_when_left_out() {
        RegistrySecurityProperties configured = new Binder(new MapConfigurationPropertySource(Map.of(
                        "registry.security.sign-in.max-failures", "5",
                        "registry.security.sign-in.max-lockout", "PT5M")))
                .bindOrCreate("registry.security", RegistrySecurityProperties.class);
        RegistrySecurityProperties unset = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("registry.security", RegistrySecurityProperties.class);

        assertThat(configured.signIn().settings())
                .isEqualTo(new SignInAttempts.Settings(
                        5, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), 10_000));
        assertThat(unset.signIn().settings()).isEqualTo(SignInAttempts.Settings.DEFAULTS);
    }

    @Test
    void logged_user_names_carry_no_control_characters_and_are_cut() {
        assertThat(ThrottledAuthenticationManager.loggable("eve\r\nINFO forged"))
                .isEqualTo("eve??INFO forged");
        assertThat(ThrottledAuthenticationManager.loggable("b".repeat(100)))
                .hasSize(65)
                .endsWith("…");
    }
}
