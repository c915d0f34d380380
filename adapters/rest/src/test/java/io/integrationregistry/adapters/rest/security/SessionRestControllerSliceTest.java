package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.util.Set;

import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** How to sign in, and who is signed in, over HTTP. */
class SessionRestControllerSliceTest extends WebLayerSlice {

    @Test
    void theSignInMethodIsOpenAndBasicWithoutAJwtIssuer() throws Exception {
        mvc.perform(get("/auth/method"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.method").value("BASIC"));
    }

    @Test
    void theSignedInUserIsRenderedWithCompanyAndKnownRolesSorted() throws Exception {
        mvc.perform(get("/api/me")
                        .with(user(new RegistryUser(
                                "multi", "{noop}unused", COMPANY, Set.of(Role.DOCUMENT_USER, Role.AUDITOR)))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.login").value("multi"))
                .andExpect(jsonPath("$.company").value(COMPANY))
                .andExpect(jsonPath("$.roles", contains("AUDITOR", "DOCUMENT_USER")));
    }

    @Test
    void nobodySignedInIsUnauthorizedWithABasicChallenge() throws Exception {
        mvc.perform(get("/api/me"))
                .andExpect(problem(401, "unauthorized"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"integration-registry\""));
    }

    @Test
    void anOperatorInNoCompanyIsForbiddenTheCompanyApi() throws Exception {
        mvc.perform(get("/api/me").with(operator())).andExpect(problem(403, "forbidden"));
    }
}
