package io.integrationregistry.adapters.rest.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A browser holding HTTP Basic credentials sends them with whatever request a page makes it send; a
 * state-changing request sent by another site's page is refused by the browser's {@code Sec-Fetch-Site} and
 * {@code Origin}, and a browser is never challenged for Basic credentials when it loads a page. (MockMvc's
 * requests are {@code http://localhost}; the public URL is another origin.)
 */
@SpringBootTest(
        classes = SecurityTestApp.App.class,
        properties = {
            "registry.security.users.alice.password={noop}alice-secret",
            "registry.security.users.alice.company=acme",
            "registry.security.users.alice.roles=INTEGRATION_ADMIN",
            "registry.public-url=https://registry.acme.example"
        })
@AutoConfigureMockMvc
class CrossSiteRequestTest {

    private static final String PUBLIC_ORIGIN = "https://registry.acme.example";
    private static final String OTHER_SITE = "http://127.0.0.1:8081";

    @Autowired
    MockMvc mvc;

    @Test
    void crossSiteRequestForgeryThroughBasicAuthenticationIsRefused() throws Exception {
        for (MockHttpServletRequestBuilder write : new MockHttpServletRequestBuilder[] {
            post("/api/probe"), put("/api/probe"), delete("/api/probe"), post("/api/admin/probe")
        }) {
            expectRefused(mvc.perform(
                    signedIn(write).header("Sec-Fetch-Site", "cross-site").header(HttpHeaders.ORIGIN, OTHER_SITE)));
        }
        // a form posted by another site's page, as Chromium sends it
        expectRefused(mvc.perform(signedIn(post("/api/probe"))
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "navigate")
                .header(HttpHeaders.ORIGIN, OTHER_SITE)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)));
        // a page on a sibling host of the same site is refused too, unless it is the public URL's
        expectRefused(mvc.perform(signedIn(post("/api/probe"))
                .header("Sec-Fetch-Site", "same-site")
                .header(HttpHeaders.ORIGIN, "https://blog.acme.example")));
        mvc.perform(signedIn(post("/api/probe"))
                        .header("Sec-Fetch-Site", "same-site")
                        .header(HttpHeaders.ORIGIN, PUBLIC_ORIGIN))
                .andExpect(status().isOk());
    }

    @Test
    void without_sec_fetch_site_the_origin_must_be_the_public_url_or_the_request_s_own() throws Exception {
        expectRefused(mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, OTHER_SITE)));
        expectRefused(mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, "null")));
        expectRefused(mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, "http://localhost:8080")));
        expectRefused(mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, "https://localhost")));
        mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, PUBLIC_ORIGIN))
                .andExpect(status().isOk());
        mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, "https://registry.acme.example:443"))
                .andExpect(status().isOk());
        mvc.perform(signedIn(post("/api/probe")).header(HttpHeaders.ORIGIN, "http://localhost"))
                .andExpect(status().isOk());
    }

    @Test
    void the_service_s_own_pages_and_api_clients_keep_working() throws Exception {
        // the admin page: same origin
        mvc.perform(signedIn(post("/api/probe"))
                        .header("Sec-Fetch-Site", "same-origin")
                        .header(HttpHeaders.ORIGIN, "http://localhost"))
                .andExpect(status().isOk());
        // curl and other API clients send neither header
        mvc.perform(signedIn(post("/api/probe"))).andExpect(status().isOk());
        // what the user typed
        mvc.perform(signedIn(post("/api/probe")).header("Sec-Fetch-Site", "none"))
                .andExpect(status().isOk());
        // reads change nothing and stay open to links from other sites
        mvc.perform(signedIn(get("/api/probe"))
                        .header("Sec-Fetch-Site", "cross-site")
                        .header(HttpHeaders.ORIGIN, OTHER_SITE))
                .andExpect(status().isOk());
    }

    @Test
    void a_refused_cross_site_request_is_not_a_sign_in_attempt() throws Exception {
        // refused before its credentials are looked at: a forged request with a wrong password is a 403, not a 401
        expectRefused(mvc.perform(post("/api/probe")
                .with(httpBasic("alice", "wrong"))
                .header("Sec-Fetch-Site", "cross-site")
                .header(HttpHeaders.ORIGIN, OTHER_SITE)));
        expectRefused(mvc.perform(post("/api/probe").header("Sec-Fetch-Site", "cross-site")));
    }

    @Test
    void aBrowserLoadingAPageIsNotChallengedForBasicCredentials() throws Exception {
        mvc.perform(get("/api/probe").header("Sec-Fetch-Mode", "navigate"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/unauthorized"));
        mvc.perform(get("/api/probe")
                        .header(HttpHeaders.ACCEPT, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
        mvc.perform(post("/api/probe").with(httpBasic("alice", "wrong")).header("Sec-Fetch-Mode", "navigate"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
        // API clients keep their challenge
        for (String accept : new String[] {
            "*/*",
            "application/json",
            "application/json, text/html;q=0.5",
            "text/html;q=0.1, application/problem+json",
            "not a media type"
        }) {
            mvc.perform(get("/api/probe").header(HttpHeaders.ACCEPT, accept))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"integration-registry\""));
        }
    }

    private static MockHttpServletRequestBuilder signedIn(MockHttpServletRequestBuilder request) {
        return request.with(httpBasic("alice", "alice-secret"));
    }

    private static void expectRefused(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("/problems/cross-site-request"))
                .andExpect(jsonPath("$.title").value("Cross-site request refused"))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").isNotEmpty());
    }
}
