package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** JWT mode: a {@link JwtDecoder} exists (here built from a key generated in the test). */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(
        classes = {SecurityTestApp.App.class, JwtSecurityTest.TrustedKey.class},
        properties = {
            // configured Basic users are ignored once a JWT issuer is configured
            "registry.security.users.alice.password={noop}alice-secret",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            Tokens.ISSUER_PROPERTY,
            Tokens.AUDIENCES_PROPERTY
        })
@AutoConfigureMockMvc
class JwtSecurityTest {

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
    void a_valid_token_with_roles_and_company_signs_in_and_yields_the_caller() throws Exception {
        String token = Tokens.signed(Map.of(
                "preferred_username", "alice@acme.example", "company", "acme", "roles", List.of("INTEGRATION_ADMIN")));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("alice@acme.example"))
                .andExpect(jsonPath("$.company").value("acme"));
        mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk());
        expectForbidden(mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
        expectForbidden(mvc.perform(post("/api/admin/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
    }

    @Test
    void an_operator_token_needs_no_company_and_runs_the_service_but_sees_no_company() throws Exception {
        String operator = Tokens.signed(Map.of("preferred_username", "olga", "roles", List.of("OPERATOR")));
        mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + operator))
                .andExpect(status().isOk());
        mvc.perform(post("/actuator/datakeys").header(HttpHeaders.AUTHORIZATION, "Bearer " + operator))
                .andExpect(status().isOk());
        mvc.perform(post("/api/admin/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + operator))
                .andExpect(status().isOk());
        expectForbidden(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + operator)));
        // a token that also makes its holder a company's administrator still sees no company's data
        String both = Tokens.signed(Map.of("company", "acme", "roles", List.of("OPERATOR", "INTEGRATION_ADMIN")));
        expectForbidden(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + both)))
                .andExpect(jsonPath("$.detail").value(CompanyAuthorizationManager.OPERATOR_HAS_NO_COMPANY));
    }

    @Test
    void jwtModeChecksTheAudience() throws Exception {
        Map<String, Object> admin = Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN"));
        String forAnotherService = Tokens.signed(with(admin, "aud", List.of("billing")));
        expectUnauthorized(
                        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + forAnotherService)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")));
        String withoutAudience = Tokens.signed(with(admin, "aud", List.of()));
        expectUnauthorized(
                mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + withoutAudience)));
        // one configured audience among others is enough
        String forUsAndOthers = Tokens.signed(with(admin, "aud", List.of("billing", Tokens.AUDIENCE)));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + forUsAndOthers))
                .andExpect(status().isOk());
    }

    @Test
    void jwtModeRefusesTokensWithoutExp() throws Exception {
        String neverExpires =
                Tokens.signedWithoutExpiry(Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN")));
        expectUnauthorized(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + neverExpires)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")));
    }

    @Test
    void jwtModeChecksTheIssuer() throws Exception {
        Map<String, Object> admin = Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN"));
        String otherIssuer = Tokens.signed(with(admin, "iss", "https://login.other.example"));
        expectUnauthorized(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + otherIssuer)));
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        Map<String, Object> all = new java.util.HashMap<>(claims);
        all.put(name, value);
        return all;
    }

    @Test
    void without_preferred_username_the_subject_names_the_user() throws Exception {
        String token = Tokens.signed(Map.of("company", "acme", "roles", List.of("AUDITOR")));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("subject-1234"));
    }

    @Test
    void an_auditor_token_reads_but_cannot_write() throws Exception {
        String token = Tokens.signed(Map.of("company", "acme", "roles", List.of("AUDITOR")));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk());
        expectForbidden(mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
        expectForbidden(mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
    }

    @Test
    void roles_may_be_one_string_separated_by_spaces_or_commas() throws Exception {
        String admin = Tokens.signed(Map.of("company", "acme", "roles", "offline_access INTEGRATION_ADMIN"));
        mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
                .andExpect(status().isOk());
        String reader = Tokens.signed(Map.of("company", "acme", "roles", "AUDITOR,DOCUMENT_USER"));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader))
                .andExpect(status().isOk());
        expectForbidden(mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + reader)));
    }

    @Test
    void a_token_without_a_known_role_is_forbidden() throws Exception {
        String token = Tokens.signed(Map.of("company", "acme", "roles", List.of("SOMETHING_ELSE")));
        expectForbidden(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)));
    }

    @Test
    void a_token_without_company_is_forbidden() throws Exception {
        String token = Tokens.signed(Map.of("roles", List.of("INTEGRATION_ADMIN")));
        expectForbidden(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)))
                .andExpect(jsonPath("$.detail").value(Callers.NO_COMPANY));
        String blank = Tokens.signed(Map.of("company", "  ", "roles", List.of("INTEGRATION_ADMIN")));
        expectForbidden(mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + blank)))
                .andExpect(jsonPath("$.detail").value(Callers.NO_COMPANY));
    }

    @Test
    void an_expired_token_gets_401_problem_with_a_bearer_challenge() throws Exception {
        String expired = Tokens.sign(
                Tokens.TRUSTED,
                Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN")),
                Instant.now().minus(Duration.ofMinutes(10)));
        expectUnauthorized(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("invalid_token")));
    }

    @Test
    void a_badly_signed_token_gets_401_problem() throws Exception {
        String forged = Tokens.sign(
                Tokens.STRANGER,
                Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN")),
                Instant.now().plus(Duration.ofMinutes(5)));
        expectUnauthorized(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + forged)));
        expectUnauthorized(mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt")));
    }

    @Test
    void no_token_gets_401_problem_with_a_bearer_challenge_and_basic_is_not_accepted() throws Exception {
        expectUnauthorized(mvc.perform(get("/api/probe")));
        expectUnauthorized(mvc.perform(get("/api/probe").header("X-Requested-With", "XMLHttpRequest")));
        expectUnauthorized(mvc.perform(get("/api/probe").with(httpBasic("alice", "alice-secret"))));
    }

    @Test
    void health_stays_open() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }

    @Test
    void no_password_is_generated_in_jwt_mode(CapturedOutput output) {
        assertThat(output.getAll()).doesNotContain("Using generated security password");
    }

    private static ResultActions expectUnauthorized(ResultActions result) throws Exception {
        return result.andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, startsWith("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                .andExpect(jsonPath("$.title").value("Unauthorized"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }

    private static ResultActions expectForbidden(ResultActions result) throws Exception {
        return result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
