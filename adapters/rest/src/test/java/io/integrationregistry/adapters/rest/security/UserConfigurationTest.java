package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users of {@code registry.security.users.*} are checked when the service starts. */
class UserConfigurationTest {

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void valid_users_become_registry_users_with_role_authorities() {
        List<RegistryUser> users = RegistryUserDetailsService.fromProperties(
                Map.of(
                        "alice", new RegistrySecurityProperties.User("{noop}a", " acme ", List.of("INTEGRATION_ADMIN")),
                        "bob",
                                new RegistrySecurityProperties.User(
                                        "{bcrypt}"
                                                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(
                                                                4)
                                                        .encode("b"),
                                        "acme",
                                        List.of("auditor", " DOCUMENT_USER"))),
                encoder);
        RegistryUserDetailsService service = new RegistryUserDetailsService(users);
        UserDetails bob = service.loadUserByUsername("bob");
        assertThat(bob).isInstanceOf(RegistryUser.class);
        assertThat(((RegistryUser) bob).company()).isEqualTo("acme");
        assertThat(bob.getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_AUDITOR", "ROLE_DOCUMENT_USER");
        assertThat(encoder.matches("b", bob.getPassword())).isTrue();
        assertThat(((RegistryUser) service.loadUserByUsername("alice")).company())
                .isEqualTo("acme");
        assertThatThrownBy(() -> service.loadUserByUsername("carol")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void erasing_the_credentials_of_a_loaded_user_keeps_the_stored_one() {
        RegistryUserDetailsService service = new RegistryUserDetailsService(RegistryUserDetailsService.fromProperties(
                Map.of("alice", new RegistrySecurityProperties.User("{noop}a", "acme", List.of("AUDITOR"))), encoder));
        ((RegistryUser) service.loadUserByUsername("alice")).eraseCredentials();
        assertThat(service.loadUserByUsername("alice").getPassword()).isEqualTo("{noop}a");
    }

    @Test
    void every_problem_names_its_property() {
        Map<String, RegistrySecurityProperties.User> users = new LinkedHashMap<>();
        users.put("alice", new RegistrySecurityProperties.User("{noop}a", "acme", List.of("ADMIN")));
        users.put("bob", new RegistrySecurityProperties.User(null, null, List.of()));
        users.put("carol", new RegistrySecurityProperties.User("plain", "acme", List.of("AUDITOR")));
        users.put("dave", new RegistrySecurityProperties.User("{rot13}x", "a".repeat(65), List.of("AUDITOR")));
        assertThatThrownBy(() -> RegistryUserDetailsService.fromProperties(users, encoder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registry.security.users.alice.roles: unknown role 'ADMIN'; the roles are "
                        + "INTEGRATION_ADMIN, AUDITOR, DOCUMENT_USER")
                .hasMessageContaining("registry.security.users.bob.password: is required")
                .hasMessageContaining("registry.security.users.bob.company: is required")
                .hasMessageContaining("registry.security.users.bob.roles: is required")
                .hasMessageContaining("registry.security.users.carol.password: must start with the id of its encoding")
                .hasMessageContaining("registry.security.users.dave.password: unknown encoding '{rot13}'")
                .hasMessageContaining("registry.security.users.dave.company: must be at most 64 characters")
                .hasMessageNotContaining("plain");
    }

    @Test
    void an_operator_needs_no_company_and_may_have_neither_a_company_nor_a_company_role() {
        List<RegistryUser> users = RegistryUserDetailsService.fromProperties(
                Map.of("olga", new RegistrySecurityProperties.User("{noop}o", null, List.of("operator"))), encoder);
        assertThat(users).singleElement().satisfies(olga -> {
            assertThat(olga.company()).isNull();
            assertThat(olga.roles()).containsExactly(Role.OPERATOR);
        });

        Map<String, RegistrySecurityProperties.User> wrong = new LinkedHashMap<>();
        wrong.put("omar", new RegistrySecurityProperties.User("{noop}o", "acme", List.of("OPERATOR")));
        wrong.put(
                "otto", new RegistrySecurityProperties.User("{noop}o", null, List.of("OPERATOR", "INTEGRATION_ADMIN")));
        assertThatThrownBy(() -> RegistryUserDetailsService.fromProperties(wrong, encoder))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("registry.security.users.omar.company: must be left out for an OPERATOR")
                .hasMessageContaining("registry.security.users.otto.roles: OPERATOR works for no company and cannot "
                        + "be combined with a company's roles")
                .hasMessageNotContaining("otto.company");
    }

    @Test
    void the_service_does_not_start_with_an_unknown_role() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(SecurityTestApp.App.class)
                        .properties(
                                "server.port=0",
                                "spring.main.banner-mode=off",
                                "registry.security.users.bob.password={noop}b",
                                "registry.security.users.bob.company=acme",
                                "registry.security.users.bob.roles=AUDITOR,SUPERUSER")
                        .run()
                        .close())
                .rootCause()
                .hasMessageContaining("registry.security.users.bob.roles: unknown role 'SUPERUSER'");
    }
}
