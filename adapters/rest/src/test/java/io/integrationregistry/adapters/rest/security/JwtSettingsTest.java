package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JWT mode does not start without the audience and the issuer its tokens must carry. */
class JwtSettingsTest {

    @Test
    void jwtModeWithoutAudiencesDoesNotStart() {
        assertThatThrownBy(() -> start(Tokens.ISSUER_PROPERTY))
                .rootCause()
                .hasMessageContaining("registry.security.jwt.audiences is required with a JWT issuer")
                .hasMessageNotContaining("registry.security.jwt.issuer (or");
    }

    @Test
    void jwtModeWithOnlyAKeySetAndNoIssuerDoesNotStart() {
        assertThatThrownBy(() -> start(Tokens.AUDIENCES_PROPERTY))
                .rootCause()
                .hasMessageContaining("registry.security.jwt.issuer (or "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri) is required with a JWT issuer")
                .hasMessageNotContaining("audiences is required");
    }

    @Test
    void springsIssuerUriNamesTheIssuerToo() {
        CheckedJwtDecoder decoder = CheckedJwtDecoder.of(
                Tokens.decoder(),
                new RegistrySecurityProperties.Jwt(null, null, null, List.of(" integration-registry "), " "),
                "https://login.acme.example/realms/acme");
        assertThat(decoder.issuer()).isEqualTo("https://login.acme.example/realms/acme");
        assertThat(decoder.audiences()).containsExactly("integration-registry");
    }

    private static void start(String... properties) {
        new SpringApplicationBuilder(SecurityTestApp.App.class, JwtSecurityTest.TrustedKey.class)
                .properties("server.port=0", "spring.main.banner-mode=off")
                .properties(properties)
                .run()
                .close();
    }
}
