package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(
        classes = SecurityTestApp.App.class,
        properties = {
            "registry.security.users.alice.password={noop}alice-secret",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.security.users.dora.password={noop}dora-secret",
            "registry.security.users.dora.company=globex",
            "registry.security.users.dora.roles=document_user",
            "registry.security.users.multi.password={noop}multi-secret",
            "registry.security.users.multi.company=acme",
            "registry.security.users.multi.roles=AUDITOR, DOCUMENT_USER",
            "registry.security.users.olga.password={noop}olga-secret",
            "registry.security.users.olga.roles=OPERATOR"
        })
@AutoConfigureMockMvc
class BasicSecurityTest {

    /** The auditor's password is configured bcrypt-encoded. */
    @DynamicPropertySource
    static void bcryptUser(DynamicPropertyRegistry registry) {
        registry.add(
                "registry.security.users.audrey.password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder().encode("audrey-secret"));
        registry.add("registry.security.users.audrey.company", () -> "acme");
        registry.add("registry.security.users.audrey.roles", () -> "AUDITOR");
    }

    @Autowired
    MockMvc mvc;

    @Test
    void admin_reads_and_writes_and_the_caller_carries_username_and_company() throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic("alice", "alice-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("alice"))
                .andExpect(jsonPath("$.company").value("acme"));
        mvc.perform(post("/api/probe").with(httpBasic("alice", "alice-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("alice"))
                .andExpect(jsonPath("$.company").value("acme"));
    }

    @Test
    void the_same_user_signs_in_again_and_again() throws Exception {
        for (int i = 0; i < 3; i++) {
            mvc.perform(get("/api/probe").with(httpBasic("alice", "alice-secret")))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void auditor_with_bcrypt_password_reads_but_may_not_write() throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic("audrey", "audrey-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("audrey"))
                .andExpect(jsonPath("$.company").value("acme"));
        expectForbidden(mvc.perform(post("/api/probe").with(httpBasic("audrey", "audrey-secret"))));
        expectForbidden(mvc.perform(put("/api/probe").with(httpBasic("audrey", "audrey-secret"))));
        expectForbidden(mvc.perform(delete("/api/probe").with(httpBasic("audrey", "audrey-secret"))));
    }

    @Test
    void document_user_reads_its_own_company_but_may_not_write() throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic("dora", "dora-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.actor").value("dora"))
                .andExpect(jsonPath("$.company").value("globex"));
        expectForbidden(mvc.perform(post("/api/probe").with(httpBasic("dora", "dora-secret"))));
    }

    @Test
    void roles_are_a_comma_separated_list() throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic("multi", "multi-secret"))).andExpect(status().isOk());
        expectForbidden(mvc.perform(post("/api/probe").with(httpBasic("multi", "multi-secret"))));
    }

    @Test
    void no_credentials_get_401_problem_with_a_basic_challenge() throws Exception {
        for (ResultActions result :
                new ResultActions[] {mvc.perform(get("/api/probe")), mvc.perform(post("/api/probe"))}) {
            result.andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"integration-registry\""))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                    .andExpect(jsonPath("$.title").value("Unauthorized"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.detail").isNotEmpty())
                    .andExpect(jsonPath("$.trace").doesNotExist());
        }
    }

    @Test
    void xhr_calls_get_401_without_a_challenge_so_that_browsers_show_no_popup() throws Exception {
        mvc.perform(get("/api/probe").header("X-Requested-With", "XMLHttpRequest"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
        mvc.perform(get("/api/probe")
                        .header("X-Requested-With", "XMLHttpRequest")
                        .with(httpBasic("alice", "wrong")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void wrong_password_or_unknown_user_get_401_problem() throws Exception {
        for (ResultActions result : new ResultActions[] {
            mvc.perform(get("/api/probe").with(httpBasic("alice", "wrong"))),
            mvc.perform(get("/api/probe").with(httpBasic("audrey", "alice-secret"))),
            mvc.perform(get("/api/probe").with(httpBasic("nobody", "alice-secret")))
        }) {
            result.andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Basic")))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.type").value("/problems/unauthorized"))
                    .andExpect(jsonPath("$.status").value(401))
                    .andExpect(jsonPath("$.detail").value("The username or password is wrong."));
        }
    }

    @Test
    void health_is_open_and_the_rest_of_actuator_is_for_operators() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/metrics")).andExpect(status().isUnauthorized());
        expectForbidden(mvc.perform(get("/actuator/metrics").with(httpBasic("audrey", "audrey-secret"))));
        expectForbidden(mvc.perform(get("/actuator/metrics").with(httpBasic("dora", "dora-secret"))));
        expectForbidden(mvc.perform(get("/actuator/metrics").with(httpBasic("alice", "alice-secret"))));
        mvc.perform(get("/actuator/metrics").with(httpBasic("olga", "olga-secret")))
                .andExpect(status().isOk());
    }

    @Test
    void oneTenantsAdminCannotDisruptEveryTenant() throws Exception {
        // a company's administrator may neither rebuild the read models nor re-wrap every company's data keys
        expectForbidden(mvc.perform(post("/api/admin/probe").with(httpBasic("alice", "alice-secret"))));
        expectForbidden(mvc.perform(post("/actuator/datakeys").with(httpBasic("alice", "alice-secret"))));
        // the service's operator may, without belonging to any company
        mvc.perform(post("/api/admin/probe").with(httpBasic("olga", "olga-secret")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.operator").value("olga"));
        mvc.perform(post("/actuator/datakeys").with(httpBasic("olga", "olga-secret")))
                .andExpect(status().isOk());
        // ... and sees no company's API
        expectForbidden(mvc.perform(get("/api/probe").with(httpBasic("olga", "olga-secret"))))
                .andExpect(jsonPath("$.detail").value(CompanyAuthorizationManager.OPERATOR_HAS_NO_COMPANY));
        expectForbidden(mvc.perform(post("/api/probe").with(httpBasic("olga", "olga-secret"))));
    }

    @Test
    void the_page_its_assets_the_api_description_and_the_oauth2_callback_are_open() throws Exception {
        for (String path : new String[] {
            "/",
            "/index.html",
            "/assets/app.js",
            "/favicon.ico",
            "/error",
            "/oauth2/callback/abc",
            "/v3/api-docs",
            "/swagger-ui.html",
            "/swagger-ui/index.html",
            "/actuator/info"
        }) {
            int status = mvc.perform(get(path)).andReturn().getResponse().getStatus();
            assertThat(status).as(path).isNotIn(401, 403);
        }
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk());
    }

    @Test
    void swagger_ui_is_told_apart_without_spring_s_parsed_request_path() {
        // a streamed answer (an audit export) commits its headers after its dispatch, when that path is gone
        assertThat(SecurityConfiguration.SWAGGER_UI.matches(new MockHttpServletRequest("GET", "/api/audit/export")))
                .isFalse();
        assertThat(SecurityConfiguration.SWAGGER_UI.matches(
                        new MockHttpServletRequest("GET", "/swagger-ui/index.html")))
                .isTrue();
        assertThat(SecurityConfiguration.SWAGGER_UI.matches(new MockHttpServletRequest("GET", "/swagger-ui.html")))
                .isTrue();
    }

    @Test
    void paths_not_listed_are_denied() throws Exception {
        mvc.perform(get("/not-listed")).andExpect(status().isUnauthorized());
        expectForbidden(mvc.perform(get("/not-listed").with(httpBasic("alice", "alice-secret"))));
    }

    @Test
    void no_session_cookie_is_ever_created() throws Exception {
        mvc.perform(get("/api/probe").with(httpBasic("alice", "alice-secret")))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE))
                .andExpect(result ->
                        assertThat(result.getRequest().getSession(false)).isNull());
    }

    private static ResultActions expectForbidden(ResultActions result) throws Exception {
        return result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/forbidden"))
                .andExpect(jsonPath("$.title").value("Forbidden"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail", is(not(""))))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }
}
