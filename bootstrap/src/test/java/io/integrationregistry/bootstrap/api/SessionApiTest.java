package io.integrationregistry.bootstrap.api;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
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
        assertThat(me.json().path("plainHttpProviders").isBoolean()).isTrue();
        assertThat(me.json().path("plainHttpProviders").asBoolean())
                .as("provider URLs over plain http are refused unless a development setting allows them")
                .isFalse();
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
    void the_page_its_assets_and_the_api_answers_carry_a_strict_content_security_policy_and_forbid_framing() {
        Map<String, HttpApi.Answer> answers = new LinkedHashMap<>();
        answers.put("the admin page", anonymous().get("/", Map.of("Accept", "text/html")));
        answers.put("a script of the page", anonymous().get("/assets/app.js"));
        answers.put("a style sheet of the page", anonymous().get("/assets/app.css"));
        answers.put("an API answer", auditor().get("/api/integrations"));
        answers.put("an API error", anonymous().get("/api/integrations"));
        answers.put("a refused API write", auditor().post("/api/integrations", apiKeyBody(unique("No"), API_KEY)));

        assertThat(answers.get("the admin page").status()).isEqualTo(200);
        assertThat(answers.get("a script of the page").status()).isEqualTo(200);
        assertThat(answers.get("an API answer").status()).isEqualTo(200);
        assertThat(answers.get("an API error").status()).isEqualTo(401);
        assertThat(answers.get("a refused API write").status()).isEqualTo(403);
        answers.forEach((what, answer) -> {
            Map<String, String> policy = directives(answer.header("Content-Security-Policy"));
            assertThat(policy)
                    .as(what)
                    .containsEntry("script-src", "'self'")
                    .containsEntry("default-src", "'self'")
                    .containsEntry("object-src", "'none'")
                    .containsEntry("base-uri", "'none'")
                    .containsEntry("frame-ancestors", "'none'");
            assertThat(answer.header("Content-Security-Policy"))
                    .as(what)
                    .doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertThat(answer.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
            assertThat(answer.header("X-Frame-Options")).as(what).isEqualTo("DENY");
            assertThat(answer.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
        });
    }

    /** The directives of a Content-Security-Policy, by name. */
    private static Map<String, String> directives(String policy) {
        assertThat(policy).isNotBlank();
        Map<String, String> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            String[] words = directive.strip().split("\\s+", 2);
            directives.put(words[0], words.length > 1 ? words[1] : "");
        }
        return directives;
    }

    @Test
    void the_authorize_step_answers_the_url_as_json_for_scripts() {
        String id = alice().post("/api/integrations", oauth2Body(unique("Json authorize")))
                .json()
                .path("id")
                .asText();

        HttpApi.Answer asJson =
                alice().get("/api/integrations/" + id + "/oauth2/authorize", Map.of("Accept", "application/json"));

        assertThat(asJson.status()).isEqualTo(200);
        assertThat(asJson.json().path("authorizationUrl").asText())
                .startsWith("https://auth.acme.example/authorize?response_type=code&client_id=registry-client");
    }
}
