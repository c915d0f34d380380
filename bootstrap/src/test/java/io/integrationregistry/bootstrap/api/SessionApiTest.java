package io.integrationregistry.bootstrap.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the admin page asks before and after sign-in, and the headers every answer carries. */
class SessionApiTest extends ApiTestBase {

    @Test
    void the_sign_in_method_is_open_and_says_basic_when_no_issuer_is_configured() {
        HttpApi.Answer method = anonymous().get("/auth/method");

        assertThat(method.status()).isEqualTo(200);
        assertThat(method.json().path("method").asText()).isEqualTo("BASIC");
    }

    @Test
    void me_names_the_signed_in_user_their_company_and_roles() {
        HttpApi.Answer me = auditor().get("/api/me");

        assertThat(me.json().path("login").asText()).isEqualTo("audrey");
        assertThat(me.json().path("company").asText()).isEqualTo("acme");
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"AUDITOR\"]");
        assertThat(anonymous().get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void a_script_that_is_not_signed_in_gets_no_basic_challenge_so_browsers_show_no_dialog() {
        HttpApi.Answer fromAScript = anonymous().get("/api/integrations", Map.of("X-Requested-With", "XMLHttpRequest"));
        HttpApi.Answer fromATool = anonymous().get("/api/integrations");

        assertThat(fromAScript.status()).isEqualTo(401);
        assertThat(fromAScript.header("WWW-Authenticate")).isNull();
        assertThat(fromATool.header("WWW-Authenticate")).startsWith("Basic");
    }

    @Test
    void answers_carry_a_content_security_policy_without_inline_scripts_and_forbid_framing() {
        HttpApi.Answer page = anonymous().get("/");

        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void the_authorize_step_answers_the_url_as_json_for_scripts() {
        String id = alice().post("/api/integrations", oauth2Body(unique("Json authorize"))).json().path("id").asText();

        HttpApi.Answer asJson = alice().get("/api/integrations/" + id + "/oauth2/authorize",
                Map.of("Accept", "application/json"));

        assertThat(asJson.status()).isEqualTo(200);
        assertThat(asJson.json().path("authorizationUrl").asText())
                .startsWith("https://auth.acme.example/authorize?response_type=code&client_id=registry-client");
    }
}
