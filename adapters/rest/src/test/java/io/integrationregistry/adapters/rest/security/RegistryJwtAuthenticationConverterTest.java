package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.integrationregistry.adapters.rest.security.CallersTest.jwt;
import static org.assertj.core.api.Assertions.assertThat;

class RegistryJwtAuthenticationConverterTest {

    private final RegistryJwtAuthenticationConverter defaults =
            new RegistryJwtAuthenticationConverter(new RegistrySecurityProperties.Jwt(null, null, null));

    @Test
    void roles_as_an_array_or_a_separated_string_with_case_and_prefix_tolerated_and_unknown_ignored() {
        assertThat(defaults.roles(jwt(Map.of("roles", List.of("AUDITOR", "ROLE_document_user", "admin", 7)))))
                .containsExactlyInAnyOrder(Role.AUDITOR, Role.DOCUMENT_USER);
        assertThat(defaults.roles(jwt(Map.of("roles", " integration_admin,AUDITOR  offline_access "))))
                .containsExactlyInAnyOrder(Role.INTEGRATION_ADMIN, Role.AUDITOR);
        assertThat(defaults.roles(jwt(Map.of("sub", "x")))).isEmpty();
        assertThat(defaults.roles(jwt(Map.of("roles", Map.of("a", "b"))))).isEmpty();
    }

    @Test
    void the_name_is_preferred_username_else_sub() {
        assertThat(defaults.username(jwt(Map.of("sub", "s", "preferred_username", "p"))))
                .isEqualTo("p");
        assertThat(defaults.username(jwt(Map.of("sub", "s", "preferred_username", " "))))
                .isEqualTo("s");
        assertThat(defaults.username(jwt(Map.of("sub", "s")))).isEqualTo("s");
    }

    @Test
    void a_dotted_claim_name_reads_the_claim_of_that_name_first_and_else_a_nested_one() {
        var converter = new RegistryJwtAuthenticationConverter(
                new RegistrySecurityProperties.Jwt("https://example.com/company", "realm_access.roles", null));
        assertThat(converter.company(jwt(Map.of("https://example.com/company", "acme"))))
                .isEqualTo("acme");
        assertThat(converter.roles(jwt(Map.of("realm_access", Map.of("roles", List.of("AUDITOR"))))))
                .containsExactly(Role.AUDITOR);
        assertThat(converter.company(jwt(Map.of("company", 42)))).isNull();
        assertThat(defaults.company(jwt(Map.of("company", 42)))).isEqualTo("42");
    }
}
