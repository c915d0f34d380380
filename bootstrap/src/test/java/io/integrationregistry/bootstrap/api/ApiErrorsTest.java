package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input, unknown ids, other companies and roles: a problem detail each, and nothing stored. */
class ApiErrorsTest extends ApiTestBase {

    @Test
    void every_broken_field_is_named_at_once_and_nothing_is_stored() {
        long before = total();
        Answer refused = alice().post("/api/integrations", """
                {"name": "  ", "baseApiUrl": "http://internal.example/api", "requestParameters": "a=1&&b",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "not a url",
                   "tokenEndpointUrl": "https://auth.example/token#frag", "clientId": 42,
                   "clientSecret": "********", "redirectUri": "https://evil.example/cb"}}""");

        assertProblem(refused, 400);
        assertThat(refused.errorFields())
                .contains(
                        "name",
                        "requestParameters",
                        "authentication.authenticationUrl",
                        "authentication.tokenEndpointUrl",
                        "authentication.clientId",
                        "authentication.clientSecret",
                        "authentication.redirectUri");
        refused.json().path("errors").forEach(error -> {
            assertThat(error.path("rule").asText()).isNotBlank();
            assertThat(error.path("message").asText()).isNotBlank();
        });
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void a_plain_http_base_url_is_refused_naming_the_field() {
        Answer refused = alice().post(
                        "/api/integrations",
                        apiKeyBody(unique("Http"), API_KEY)
                                .replace("https://files.acme.example", "http://files.acme.example"));

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("baseApiUrl");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\": ",
                "[1, 2]",
                "\"just a string\"",
                "{\"name\": \"x\", \"name\": \"y\", \"baseApiUrl\": \"https://a.example\", \"authentication\": {\"type\": \"API_KEY\", \"apiKey\": \"k\"}}",
                "{\"name\": [\"x\"], \"baseApiUrl\": \"https://a.example\", \"authentication\": {\"type\": \"API_KEY\", \"apiKey\": \"k\"}}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\", \"authentication\": {\"type\": \"SAML\"}}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\", \"colour\": \"red\", \"authentication\": {\"type\": \"API_KEY\", \"apiKey\": \"k\"}}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\", \"authentication\": {\"type\": \"API_KEY\", \"apiKey\": \"k\", \"clientId\": \"c\"}}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\", \"active\": \"yes\", \"authentication\": {\"type\": \"API_KEY\", \"apiKey\": \"k\"}}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\"}",
                "{\"name\": \"x\", \"baseApiUrl\": \"https://a.example\", \"authentication\": {\"type\": \"API_KEY\"}}"
            })
    void malformed_or_ill_typed_bodies_are_400_problems_and_store_nothing(String body) {
        long before = total();

        assertProblem(alice().post("/api/integrations", body), 400);
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void a_body_over_64_kib_is_refused() {
        String huge = apiKeyBody("x".repeat(70_000), API_KEY);

        Answer refused = alice().post("/api/integrations", huge);

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("body");
    }

    @Test
    void a_body_that_is_not_json_is_415() {
        assertProblem(alice().post("/api/integrations", "name=x", Map.of("Content-Type", "text/plain")), 415);
    }

    @Test
    void a_duplicate_name_in_the_company_is_409_whatever_its_case_but_fine_in_another_company() {
        String name = unique("Dup");
        assertThat(alice().post("/api/integrations", apiKeyBody(name, API_KEY)).status())
                .isEqualTo(201);

        Answer duplicate =
                alice().post("/api/integrations", apiKeyBody(" " + name.toUpperCase(Locale.ROOT) + " ", API_KEY));

        assertProblem(duplicate, 409);
        assertThat(duplicate.errorFields()).containsExactly("name");
        assertThat(globexAdmin()
                        .post("/api/integrations", apiKeyBody(name, API_KEY))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void an_unknown_id_and_another_companys_id_are_the_same_404() {
        String globexId = globexAdmin()
                .post("/api/integrations", apiKeyBody(unique("Globex"), API_KEY))
                .json()
                .path("id")
                .asText();

        Answer othersId = alice().get("/api/integrations/" + globexId);
        Answer unknown = alice().get("/api/integrations/00000000-0000-4000-8000-000000000000");
        Answer notAnId = alice().get("/api/integrations/not-an-id");

        assertProblem(othersId, 404);
        assertProblem(unknown, 404);
        assertProblem(notAnId, 404);
        assertThat(othersId.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        assertProblem(
                alice().put("/api/integrations/" + globexId, apiKeyBody(unique("Steal"), API_KEY), ifMatch("\"0\"")),
                404);
        assertProblem(alice().post("/api/integrations/" + globexId + "/deactivate", null), 404);
        assertThat(globexAdmin()
                        .get("/api/integrations/" + globexId)
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void the_list_shows_only_the_callers_company() {
        globexAdmin().post("/api/integrations", apiKeyBody(unique("Hidden"), API_KEY));

        JsonNode page = alice().get("/api/integrations?size=200").json();

        page.path("items")
                .forEach(item -> assertThat(item.path("name").asText()).doesNotStartWith("Hidden"));
    }

    @Test
    void auditors_and_document_users_read_but_cannot_write() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Roles"), API_KEY))
                .json()
                .path("id")
                .asText();

        for (HttpApi reader : new HttpApi[] {auditor(), documentUser()}) {
            assertThat(reader.get("/api/integrations").status()).isEqualTo(200);
            assertThat(reader.get("/api/integrations/" + id).status()).isEqualTo(200);
            assertProblem(reader.post("/api/integrations", apiKeyBody(unique("Nope"), API_KEY)), 403);
            assertProblem(
                    reader.put("/api/integrations/" + id, apiKeyBody(unique("Nope"), API_KEY), ifMatch("\"0\"")), 403);
            assertProblem(reader.post("/api/integrations/" + id + "/deactivate", null), 403);
        }
        assertThat(alice().get("/api/integrations/" + id).json().path("status").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void without_credentials_every_api_request_is_401() {
        assertProblem(anonymous().get("/api/integrations"), 401);
        assertProblem(anonymous().post("/api/integrations", apiKeyBody("x", API_KEY)), 401);
        assertProblem(HttpApi.as(port, "alice", "wrong").get("/api/integrations"), 401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"?page=abc", "?size=0", "?size=100000", "?status=SLEEPING", "?page=-1"})
    void bad_list_parameters_are_400(String query) {
        assertProblem(alice().get("/api/integrations" + query), 400);
    }

    @Test
    void a_malformed_if_match_is_400() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Etag"), API_KEY))
                .json()
                .path("id")
                .asText();

        assertProblem(
                alice().put("/api/integrations/" + id, apiKeyBody(unique("E"), API_KEY), ifMatch("yesterday")), 400);
    }

    @Test
    void health_and_api_docs_are_open() {
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
        Answer docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/integrations")).isTrue();
        assertThat(docs.json().path("paths").has("/api/integrations/{id}/activate"))
                .isTrue();
    }

    @Test
    void the_error_path_called_directly_is_a_404_problem() {
        assertProblem(alice().get("/error"), 404);
        assertProblem(anonymous().post("/error", "{}"), 404);
    }

    @Test
    void a_path_the_security_firewall_refuses_is_a_400_problem() {
        Answer refused = alice().send("DELETE", "/api/integrations/../oauth2/connection", null, Map.of());

        assertProblem(refused, 400);
        assertThat(refused.json().path("type").asText()).isEqualTo("/problems/request-rejected");
    }

    @Test
    void a_request_line_tomcat_cannot_parse_is_a_400_problem_not_an_html_page() {
        RawAnswer refused = raw(
                "GET /api/integrations?version=\u00c3( HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n");

        assertRawProblem(refused, 400);
    }

    @Test
    void a_transfer_coding_other_than_chunked_is_a_400_problem_naming_the_header() {
        RawAnswer refused = raw("POST /api/integrations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + basic("alice", "alice-pw") + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\n\r\n");

        assertRawProblem(refused, 400);
        assertThat(refused.body()).contains("\"field\":\"Transfer-Encoding\"");
    }

    @Test
    void a_control_character_in_a_header_is_a_400_problem_naming_the_header_and_stores_nothing() {
        long before = total();
        String body = apiKeyBody(unique("Header"), API_KEY);

        RawAnswer refused = raw("POST /api/integrations HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Authorization: " + basic("alice", "alice-pw") + "\r\nContent-Type: application/json\r\n"
                + "Idempotency-Key: a\u0082b\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        assertRawProblem(refused, 400);
        assertThat(refused.body())
                .contains("\"field\":\"Idempotency-Key\"")
                .contains("must not contain control characters")
                .doesNotContain("a\u0082b");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void a_body_shorter_than_its_content_length_is_a_400_problem_and_stores_nothing() {
        long before = total();
        String body = apiKeyBody(unique("Short"), API_KEY);

        for (String path : new String[] {"/api/integrations", "/api/integrations/test"}) {
            RawAnswer refused = raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: " + basic("alice", "alice-pw") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (body.length() + 100) + "\r\n\r\n" + body);

            assertRawProblem(refused, 400);
        }
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void a_broken_multipart_body_is_a_415_problem() {
        assertProblem(
                alice().post("/api/integrations", "--x--", Map.of("Content-Type", "multipart/form-data; boundary=")),
                415);
    }

    @Test
    void a_form_body_on_an_edit_is_a_415_problem_even_with_a_broken_percent_encoding() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Form"), API_KEY))
                .json()
                .path("id")
                .asText();

        assertProblem(
                alice().put(
                                "/api/integrations/" + id,
                                "name=%zz&baseApiUrl=x",
                                Map.of("Content-Type", "application/x-www-form-urlencoded", "If-Match", "\"0\"")),
                415);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/audit?from=-999999999-01-01T00:00:00Z",
                "/api/audit?to=%2B999999999-12-31T23:59:59Z",
                "/api/audit/export?from=-999999999-01-01T00:00:00Z"
            })
    void an_instant_beyond_four_digit_years_is_a_400_problem_naming_the_field(String query) {
        Answer refused = alice().get(query);

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly(query.contains("to=") ? "to" : "from");
    }

    @Test
    void an_as_of_beyond_four_digit_years_is_a_400_problem_naming_the_field() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("AsOf"), API_KEY))
                .json()
                .path("id")
                .asText();

        Answer refused = alice().get("/api/integrations/" + id + "?asOf=%2B999999999-12-31T23:59:59Z");

        assertProblem(refused, 400);
        assertThat(refused.errorFields()).containsExactly("asOf");
    }

    private long total() {
        return alice().get("/api/integrations?size=1").json().path("total").asLong();
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** One answer read from a raw socket. */
    private record RawAnswer(int status, String contentType, String body) {}

    /** Sends the bytes (one per char) as they are: java.net.http refuses to send such requests. */
    private RawAnswer raw(String request) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            String contentType = head.lines()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                    .map(line -> line.substring("content-type:".length()).strip())
                    .findFirst()
                    .orElse("");
            return new RawAnswer(Integer.parseInt(head.substring(9, 12)), contentType, answer.substring(end + 4));
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRawProblem(RawAnswer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body())
                .contains("\"status\":" + status)
                .contains("\"title\":")
                .contains("\"type\":")
                .doesNotContain("Exception")
                .doesNotContain("<html")
                .doesNotContain("Tomcat");
    }
}
