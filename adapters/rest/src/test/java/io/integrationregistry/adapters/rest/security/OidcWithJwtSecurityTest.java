package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The admin page's OpenID Connect sign-in beside the JWT mode of API clients, with a provider that cannot be
 * reached: bearer tokens keep working statelessly, without CSRF tokens, and the page's sign-in comes back
 * with a readable code instead of an error page.
 */
@SpringBootTest(
        classes = {SecurityTestApp.App.class, SessionRestController.class, OidcWithJwtSecurityTest.TrustedKey.class},
        properties = {
            Tokens.ISSUER_PROPERTY,
            Tokens.AUDIENCES_PROPERTY,
            // nothing listens there: the discovery document cannot be read
            "registry.security.oidc.issuer-uri=http://127.0.0.1:1/realms/acme",
            "registry.security.oidc.client-id=registry-admin-page"
        })
@AutoConfigureMockMvc
class OidcWithJwtSecurityTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class TrustedKey {
        @Bean
        JwtDecoder jwtDecoder() {
            return Tokens.decoder();
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void a_bearer_token_still_signs_in_without_a_session_or_a_csrf_token() throws Exception {
        String token = Tokens.signed(
                Map.of("preferred_username", "alice", "company", "acme", "roles", List.of("INTEGRATION_ADMIN")));

        MvcResult read = mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andReturn();
        MvcResult write = mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andReturn();

        assertThat(read.getRequest().getSession(false)).isNull();
        assertThat(write.getRequest().getSession(false)).isNull();
        assertThat(write.getResponse().getHeaders(HttpHeaders.SET_COOKIE)).isEmpty();
    }

    @Test
    void the_sign_in_method_is_bearer_and_offers_the_provider_under_its_default_name() throws Exception {
        mvc.perform(get("/auth/method"))
                .andExpect(jsonPath("$.method").value("BEARER"))
                .andExpect(jsonPath("$.oidc.name").value("your company's identity provider"))
                .andExpect(jsonPath("$.oidc.url").value("/oauth2/authorization/oidc"));
    }

    @Test
    void an_unreachable_provider_sends_the_browser_back_to_the_page_with_a_readable_code() throws Exception {
        mvc.perform(get("/oauth2/authorization/oidc"))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, "/?sign-in-error=unavailable"));
    }

    @Test
    void a_request_without_credentials_is_still_challenged_for_a_bearer_token() throws Exception {
        mvc.perform(get("/api/probe"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")));
    }
}
