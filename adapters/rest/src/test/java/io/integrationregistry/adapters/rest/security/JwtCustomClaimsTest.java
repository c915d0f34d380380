package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The claims naming the company and the roles are configurable. */
@SpringBootTest(
        classes = {SecurityTestApp.App.class, JwtSecurityTest.TrustedKey.class},
        properties = {
            "registry.security.jwt.company-claim=org",
            "registry.security.jwt.roles-claim=realm_access.roles",
            Tokens.ISSUER_PROPERTY,
            Tokens.AUDIENCES_PROPERTY
        })
@AutoConfigureMockMvc
class JwtCustomClaimsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void company_and_roles_come_from_the_configured_claims() throws Exception {
        String token = Tokens.signed(Map.of(
                "preferred_username",
                "bob",
                "org",
                "initech",
                "realm_access",
                Map.of("roles", List.of("default-roles", "integration_admin"))));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("bob"))
                .andExpect(jsonPath("$.company").value("initech"));
        mvc.perform(post("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isOk());
    }

    @Test
    void the_default_claims_are_no_longer_read() throws Exception {
        String token = Tokens.signed(Map.of("company", "acme", "roles", List.of("INTEGRATION_ADMIN")));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isForbidden());
        String noCompany =
                Tokens.signed(Map.of("company", "acme", "realm_access", Map.of("roles", List.of("INTEGRATION_ADMIN"))));
        mvc.perform(get("/api/probe").header(HttpHeaders.AUTHORIZATION, "Bearer " + noCompany))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Callers.NO_COMPANY));
    }
}
