package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.application.shared.Caller;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallersTest {

    @Test
    void a_basic_user_is_its_username_and_company() {
        RegistryUser user = new RegistryUser("alice", "{noop}x", "acme", Set.of(Role.AUDITOR));
        Caller caller =
                Callers.of(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        assertThat(caller.actor().login()).isEqualTo("alice");
        assertThat(caller.company().value()).isEqualTo("acme");
    }

    @Test
    void a_jwt_user_is_the_token_name_and_company_claim() {
        Jwt jwt = jwt(Map.of("sub", "s-1", "preferred_username", "bob", "org", "initech", "roles", List.of("AUDITOR")));
        var authentication = new RegistryJwtAuthenticationConverter(
                        new RegistrySecurityProperties.Jwt("org", null, null))
                .convert(jwt);
        Caller caller = Callers.of(authentication);
        assertThat(caller.actor().login()).isEqualTo("bob");
        assertThat(caller.company().value()).isEqualTo("initech");
        assertThat(authentication.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AUDITOR");
    }

    @Test
    void a_plain_jwt_authentication_reads_the_default_company_claim() {
        Jwt jwt = jwt(Map.of("sub", "carol", "company", "acme"));
        Caller caller = Callers.of(new JwtAuthenticationToken(jwt, AuthorityUtils.NO_AUTHORITIES));
        assertThat(caller.actor().login()).isEqualTo("carol");
        assertThat(caller.company().value()).isEqualTo("acme");
    }

    @Test
    void no_company_is_access_denied() {
        RegistryUser user = new RegistryUser("alice", null, "  ", Set.of(Role.AUDITOR));
        assertThatThrownBy(() -> Callers.of(UsernamePasswordAuthenticationToken.authenticated(user, null, List.of())))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage(Callers.NO_COMPANY);
        assertThatThrownBy(() -> Callers.of(new JwtAuthenticationToken(jwt(Map.of("sub", "x")), List.of())))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage(Callers.NO_COMPANY);
        assertThatThrownBy(() ->
                        Callers.of(UsernamePasswordAuthenticationToken.authenticated("somebody", null, List.of())))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessage(Callers.NO_COMPANY);
    }

    @Test
    void an_invalid_username_or_company_is_access_denied() {
        RegistryUser badCompany = new RegistryUser("alice", null, "a".repeat(65), Set.of());
        assertThatThrownBy(() ->
                        Callers.of(UsernamePasswordAuthenticationToken.authenticated(badCompany, null, List.of())))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("company");
        RegistryUser badName = new RegistryUser("al\u0007ice", null, "acme", Set.of());
        assertThatThrownBy(
                        () -> Callers.of(UsernamePasswordAuthenticationToken.authenticated(badName, null, List.of())))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("name");
    }

    @Test
    void nobody_signed_in_is_unauthenticated() {
        assertThatThrownBy(() -> Callers.of(null)).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> Callers.of(new AnonymousAuthenticationToken(
                        "k", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> Callers.of(UsernamePasswordAuthenticationToken.unauthenticated("alice", "x")))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void the_user_never_shows_its_password() {
        RegistryUser user = new RegistryUser("alice", "{noop}top-secret", "acme", Set.of(Role.AUDITOR));
        assertThat(user.toString()).doesNotContain("top-secret");
    }

    static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }
}
