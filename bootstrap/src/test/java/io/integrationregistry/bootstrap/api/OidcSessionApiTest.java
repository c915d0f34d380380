package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.providers.TestAuthorizationServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page's session after a sign-in through the OpenID Connect provider, over real HTTP as a browser
 * holds it (cookies, no Authorization header): PKCE and openid in the authorization request, the session and
 * CSRF cookies, CSRF on every change the session makes, Basic requests unchanged, the cross-site check, the
 * company boundary, refused users and sign-out.
 */
class OidcSessionApiTest extends ApiTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestAuthorizationServer PROVIDER = TestAuthorizationServer.start();

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        registry.add("registry.security.oidc.issuer-uri", PROVIDER::issuer);
        registry.add("registry.security.oidc.client-id", () -> TestAuthorizationServer.PAGE_CLIENT_ID);
        registry.add("registry.security.oidc.client-secret", () -> TestAuthorizationServer.PAGE_CLIENT_SECRET);
        registry.add("registry.security.oidc.display-name", () -> "Acme Login");
    }

    @AfterAll
    static void stopTheProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void registerThePage() {
        PROVIDER.allowAdminPage(base());
    }

    @Test
    void the_sign_in_method_names_the_provider_and_where_its_sign_in_starts() {
        JsonNode method = anonymous().get("/auth/method").json();

        assertThat(method.path("method").asText()).isEqualTo("BASIC");
        assertThat(method.path("oidc").path("name").asText()).isEqualTo("Acme Login");
        assertThat(method.path("oidc").path("url").asText()).isEqualTo("/oauth2/authorization/oidc");
    }

    @Test
    void the_authorization_request_always_sends_a_pkce_s256_challenge_and_the_openid_scope() {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get("/oauth2/authorization/oidc");

        assertThat(start.statusCode()).isEqualTo(302);
        String location = start.headers().firstValue("Location").orElseThrow();
        Map<String, String> query = query(location);
        assertThat(location).startsWith(PROVIDER.authorizationEndpoint());
        assertThat(query)
                .containsEntry("client_id", TestAuthorizationServer.PAGE_CLIENT_ID)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("redirect_uri", base() + "/login/oauth2/code/oidc")
                .containsKeys("code_challenge", "state", "nonce");
        assertThat(query.get("scope").split(" ")).contains("openid", "profile");
    }

    @Test
    void signing_in_gives_an_http_only_same_site_session_cookie_with_a_new_id_and_me_names_the_user() {
        Browser browser = new Browser();
        browser.get("/oauth2/authorization/oidc");
        String before = browser.cookie("JSESSIONID");

        HttpResponse<String> back = browser.signIn(TestAuthorizationServer.PAGE_ADMIN);

        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(base() + "/");
        String sessionCookie = back.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        assertThat(browser.cookie("JSESSIONID"))
                .as("a new session id at sign-in")
                .isNotEqualTo(before);
        HttpResponse<String> me = browser.get("/api/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("login").asText()).isEqualTo(TestAuthorizationServer.PAGE_ADMIN);
        assertThat(json(me).path("company").asText()).isEqualTo("acme");
        assertThat(json(me).path("roles").toString()).isEqualTo("[\"INTEGRATION_ADMIN\"]");
        assertThat(browser.cookie("XSRF-TOKEN"))
                .as("the CSRF token, for the page's scripts")
                .isNotBlank();
    }

    @Test
    void a_change_the_session_makes_without_the_csrf_token_is_refused_with_a_403_problem_and_passes_with_it() {
        Browser browser = signedIn();

        HttpResponse<String> without = browser.post("/api/integrations", apiKeyBody(unique("Csrf"), API_KEY), Map.of());
        HttpResponse<String> with = browser.post(
                "/api/integrations",
                apiKeyBody(unique("Csrf"), API_KEY),
                Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")));

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(without).path("status").asInt()).isEqualTo(403);
        assertThat(json(without).path("detail").asText()).contains("CSRF token");
        assertThat(with.statusCode()).isEqualTo(201);
        String id = json(with).path("id").asText();
        JsonNode history =
                auditor().get("/api/integrations/" + id + "/history").json().path("items");
        assertThat(history.get(0).path("actor").asText()).isEqualTo(TestAuthorizationServer.PAGE_ADMIN);
    }

    @Test
    void a_basic_request_needs_no_csrf_token_and_makes_no_session() {
        HttpApi.Answer added = alice().post("/api/integrations", apiKeyBody(unique("Basic"), API_KEY));

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.cookie("JSESSIONID")).isNull();
        assertThat(added.cookie("XSRF-TOKEN")).isNull();
    }

    @Test
    void a_cross_site_change_with_the_session_and_its_csrf_token_is_refused_as_before() {
        Browser browser = signedIn();

        HttpResponse<String> crossSite = browser.post(
                "/api/integrations",
                apiKeyBody(unique("Cross"), API_KEY),
                Map.of("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN"), "Sec-Fetch-Site", "cross-site"));

        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(json(crossSite).path("type").asText()).endsWith("/problems/cross-site-request");
    }

    @Test
    void the_session_cannot_reach_another_companys_integration() {
        String globex = globexAdmin()
                .post("/api/integrations", apiKeyBody(unique("Globex"), API_KEY))
                .json()
                .path("id")
                .asText();
        Browser browser = signedIn();

        assertThat(browser.get("/api/integrations/" + globex).statusCode()).isEqualTo(404);
        assertThat(globexAdmin().get("/api/integrations/" + globex).status()).isEqualTo(200);
    }

    @Test
    void a_user_without_a_company_or_without_a_known_role_is_sent_back_to_the_page_with_a_readable_code() {
        Browser nomad = new Browser();
        nomad.get("/oauth2/authorization/oidc");
        HttpResponse<String> withoutCompany = nomad.signIn(TestAuthorizationServer.PAGE_USER_WITHOUT_COMPANY);
        Browser visitor = new Browser();
        visitor.get("/oauth2/authorization/oidc");
        HttpResponse<String> withoutRole = visitor.signIn(TestAuthorizationServer.PAGE_USER_WITHOUT_ROLE);

        assertThat(withoutCompany.headers().firstValue("Location").orElseThrow())
                .isEqualTo(base() + "/?sign-in-error=no-company");
        assertThat(withoutRole.headers().firstValue("Location").orElseThrow())
                .isEqualTo(base() + "/?sign-in-error=no-role");
        assertThat(nomad.get("/api/me").statusCode()).isEqualTo(401);
        assertThat(visitor.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void signing_out_needs_the_csrf_token_ends_the_session_and_sends_the_browser_to_the_providers_end_session() {
        Browser browser = signedIn();

        HttpResponse<String> forged = browser.post("/logout", "", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(browser.get("/api/me").statusCode()).as("still signed in").isEqualTo(200);

        HttpResponse<String> out = browser.form("/logout", "_csrf=" + browser.cookie("XSRF-TOKEN"));
        String location = out.headers().firstValue("Location").orElseThrow();

        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(location).startsWith(PROVIDER.baseUrl() + "/connect/logout");
        assertThat(query(location))
                .containsKey("id_token_hint")
                .containsEntry("post_logout_redirect_uri", base() + "/?signed-out");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    }

    @Test
    void the_page_may_send_its_sign_out_form_to_the_provider_and_nowhere_else() {
        HttpApi.Answer page = anonymous().get("/");

        assertThat(page.header("Content-Security-Policy"))
                .contains("form-action 'self' " + PROVIDER.baseUrl() + ";")
                .contains("script-src 'self';");
    }

    // ---------------------------------------------------------------- helpers

    private String base() {
        return "http://localhost:" + port;
    }

    private Browser signedIn() {
        Browser browser = new Browser();
        browser.get("/oauth2/authorization/oidc");
        HttpResponse<String> back = browser.signIn(TestAuthorizationServer.PAGE_ADMIN);
        assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(base() + "/");
        browser.get("/");
        return browser;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new AssertionError("not JSON: " + response.body(), notJson);
        }
    }

    private static Map<String, String> query(String url) {
        String query = URI.create(url).getRawQuery();
        return java.util.Arrays.stream(query.split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(
                        pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                        pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "",
                        (first, second) -> first));
    }

    /** What a browser does with this service's cookies: keeps them and sends them back; follows no redirect. */
    private final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private String lastLocation;

        HttpResponse<String> get(String path) {
            HttpResponse<String> answer =
                    send(HttpRequest.newBuilder(URI.create(base() + path)).header("Accept", "application/json"));
            lastLocation = answer.headers().firstValue("Location").orElse(null);
            return answer;
        }

        /** Signs in at the provider where the last answer sent the browser, and follows its way back. */
        HttpResponse<String> signIn(String user) {
            String callback = PROVIDER.signIn(lastLocation, user, TestAuthorizationServer.PAGE_ADMIN_PASSWORD);
            return send(HttpRequest.newBuilder(URI.create(callback)));
        }

        HttpResponse<String> post(String path, String json, Map<String, String> headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            return send(request);
        }

        HttpResponse<String> form(String path, String body) {
            return send(HttpRequest.newBuilder(URI.create(base() + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/x-www-form-urlencoded"));
        }

        String cookie(String name) {
            List<HttpCookie> all = cookies.getCookieStore().getCookies();
            return all.stream()
                    .filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
