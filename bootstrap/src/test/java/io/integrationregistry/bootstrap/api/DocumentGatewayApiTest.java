package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import fixtures.providers.DocumentProviderStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's document calls through an ApiKey integration to a real provider on loopback. */
class DocumentGatewayApiTest extends ProviderApiTestBase {

    private static final String PROVIDER_KEY = "stub-provider-key-0123456789";

    private DocumentProviderStub provider;
    private String id;

    @BeforeEach
    void registerTheProvider() {
        provider = DocumentProviderStub.withApiKey(PROVIDER_KEY);
        id = add(apiKeyProvider(unique("Stub drive"), provider.baseApiUrl(), "tenant=acme&region=eu", PROVIDER_KEY));
    }

    @AfterEach
    void stopTheProvider() {
        provider.close();
    }

    private String documents(String call) {
        return "/api/integrations/" + id + "/documents/" + call;
    }

    @Test
    void every_call_reaches_the_provider_with_the_api_key_the_users_login_and_the_request_parameters() {
        HttpApi dora = documentUser();

        assertThat(dora.get(documents("serviceInfo")).json().path("publisher").asText())
                .isEqualTo("Stub Documents Inc.");
        assertThat(dora.get(documents("metadata?id=d-1")).json().path("title").asText())
                .isEqualTo("Plan.pdf");
        assertThat(dora.get(documents("files?parentId=%2F&max=10&offset=0")).json())
                .hasSize(2);
        assertThat(dora.get(documents("search?query=plan&parentId=%2F")).json()).hasSize(1);
        HttpApi.Answer download = dora.get(documents("download?id=d-1"));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment");
        assertThat(download.header("Content-Security-Policy")).isEqualTo("sandbox; default-src 'none'");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.body()).isEqualTo("%PDF");
        assertThat(dora.get(documents("thumbnail?id=d-1&size=64")).header("Content-Type"))
                .isEqualTo("image/png");
        HttpApi.Answer folder = dora.post(documents("folders?parentId=%2F&name=Q4"), null);
        assertThat(folder.status()).isEqualTo(201);
        String folderId = folder.json().path("id").asText();
        HttpApi.Answer upload = dora.send(
                "POST",
                documents(
                        "uploads?parentId=" + folderId + "&filename=notes.txt&documentId=doc-7&documentVersionId=v-2"),
                "hello provider",
                Map.of("Content-Type", "text/plain"));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        String uploadedId = upload.json().path("id").asText();
        assertThat(provider.contentOf(uploadedId)).isEqualTo("hello provider".getBytes(StandardCharsets.UTF_8));
        assertThat(dora.put(documents("rename?id=" + uploadedId + "&name=minutes.txt"), null, Map.of())
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("success");
        assertThat(dora.put(documents("delete?documentId=" + uploadedId), null, Map.of())
                        .json()
                        .path("status")
                        .asText())
                .isEqualTo("success");

        assertThat(provider.received())
                .extracting(DocumentProviderStub.Received::endpoint)
                .contains(
                        "serviceInfo",
                        "metadata",
                        "files",
                        "search",
                        "download",
                        "thumbnail",
                        "createFolder",
                        "uploadInit",
                        "upload",
                        "rename",
                        "delete");
        assertThat(provider.received()).allSatisfy(request -> {
            assertThat(request.query()).containsEntry("tenant", "acme").containsEntry("region", "eu");
            // serviceInfo included: some providers protect it.
            assertThat(request.headers()).containsEntry("apikey", PROVIDER_KEY).containsEntry("username", "dora");
        });
        assertThat(provider.received("uploadInit").get(0).query())
                .containsEntry("parentId", folderId)
                .containsEntry("filename", "notes.txt")
                .containsEntry("documentId", "doc-7")
                .containsEntry("documentVersionId", "v-2");
        assertThat(provider.received("upload").get(0).method()).isEqualTo("PUT");
    }

    @Test
    void provider_metadata_is_read_tolerantly_and_answered_with_an_rfc3339_date() {
        JsonNode metadata = documentUser().get(documents("metadata?id=d-1")).json();

        assertThat(metadata.path("dateModified").asText()).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(metadata.has("vendorExtension")).isFalse();
        // The provider gives no download link; the answer links to this service's own download.
        assertThat(metadata.path("downloadLink").asText()).isEqualTo(documents("download?id=d-1"));
    }

    @Test
    void an_inactive_integration_answers_409_and_the_provider_is_not_called() {
        String etag = alice().get("/api/integrations/" + id).header("ETag");
        assertThat(alice().post("/api/integrations/" + id + "/deactivate", null, ifMatch(etag))
                        .status())
                .isEqualTo(200);

        HttpApi.Answer answer = documentUser().get(documents("files?parentId=%2F"));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("type").asText()).isEqualTo("/problems/integration-not-active");
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void another_company_sees_no_such_integration_and_auditors_may_not_use_documents() {
        assertThat(globexAdmin().get(documents("files")).status()).isEqualTo(404);
        assertThat(auditor().get(documents("files")).status()).isEqualTo(403);
        assertThat(anonymous().get(documents("files")).status()).isEqualTo(401);
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void provider_errors_become_problem_details_with_only_the_cleaned_provider_message() {
        assertThat(documentUser().get(documents("metadata?id=nope")).status()).isEqualTo(404);

        provider.failWith("{\"status\":\"error\",\"error\":\"<script>alert(1)</script>\\u0007 broke\"}");
        HttpApi.Answer failed = documentUser().get(documents("files"));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.header("Content-Type")).startsWith("application/problem+json");
        assertThat(failed.json().path("type").asText()).isEqualTo("/problems/provider-error");
        assertThat(failed.json().path("providerMessage").asText()).isEqualTo("<script>alert(1)</script> broke");
        assertThat(failed.body()).doesNotContain("\u0007");
    }

    @Test
    void redaction_catches_the_key_upper_cased_spaced_out_or_reversed() {
        List<UnaryOperator<String>> disguises = List.of(
                key -> key.toUpperCase(Locale.ROOT),
                key -> String.join("-", key.split("")),
                key -> String.join(" ", key.split("")),
                key -> new StringBuilder(key).reverse().toString(),
                key -> "xx" + key.toUpperCase(Locale.ROOT) + "yy");
        for (UnaryOperator<String> disguise : disguises) {
            String echoed = disguise.apply(PROVIDER_KEY);
            provider.refuseEchoingTheCredentials(disguise);

            HttpApi.Answer refused = documentUser().get(documents("files"));
            HttpApi.Answer tested = alice().post("/api/integrations/" + id + "/test", null);

            assertThat(refused.status()).as(echoed).isEqualTo(502);
            assertThat(refused.json().path("providerMessage").asText())
                    .as(echoed)
                    .startsWith("credentials ")
                    .contains("(hidden)")
                    .endsWith(" are not valid here");
            assertThat(tested.json().path("steps").get(2).path("message").asText())
                    .as(echoed)
                    .contains("(hidden)");
            for (String body : List.of(refused.body(), tested.body())) {
                assertThat(body)
                        .as(echoed)
                        .doesNotContain(echoed)
                        .doesNotContainIgnoringCase(PROVIDER_KEY.substring(0, 12))
                        .doesNotContainIgnoringCase(
                                new StringBuilder(PROVIDER_KEY).reverse().substring(0, 12));
            }
        }
    }

    @Test
    void a_provider_that_refuses_the_key_answers_502_saying_so() {
        String other = add(apiKeyProvider(unique("Wrong key"), provider.baseApiUrl(), "", "not-the-key-0123456789"));

        HttpApi.Answer refused = documentUser().get("/api/integrations/" + other + "/documents/files");

        assertThat(refused.status()).isEqualTo(502);
        assertThat(refused.json().path("type").asText()).isEqualTo("/problems/provider-refused-credentials");
        assertThat(refused.body()).doesNotContain("not-the-key");
    }

    @Test
    void a_slow_provider_answers_504_within_the_read_timeout() {
        provider.delayAnswers(3_000);
        long started = System.nanoTime();

        HttpApi.Answer slow = documentUser().get(documents("files"));

        assertThat(slow.status()).isEqualTo(504);
        assertThat(slow.json().path("type").asText()).isEqualTo("/problems/provider-timeout");
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(2_900);
    }

    @Test
    void bad_parameters_are_refused_naming_each_field_and_the_provider_is_not_called() {
        HttpApi.Answer bad = documentUser().get(documents("files?max=0&offset=-1"));
        HttpApi.Answer noId = documentUser().get(documents("metadata"));
        HttpApi.Answer bothIds = documentUser().put(documents("delete?documentId=a&folderId=b"), null, Map.of());

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorFields()).containsExactlyInAnyOrder("max", "offset");
        assertThat(noId.errorFields()).containsExactly("id");
        assertThat(bothIds.status()).isEqualTo(400);
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void an_upload_typed_as_a_form_is_a_415_problem_and_the_provider_is_not_called() {
        HttpApi.Answer form = documentUser()
                .send(
                        "POST",
                        documents("uploads?parentId=/&filename=a.txt"),
                        "x=%zz&y=1",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));

        assertThat(form.status()).as(form.body()).isEqualTo(415);
        assertThat(form.header("Content-Type")).startsWith("application/problem+json");
        assertThat(provider.received()).isEmpty();
    }

    @Test
    void testing_typed_values_reports_each_step_and_never_echoes_the_key() {
        HttpApi.Answer good = alice().post(
                        "/api/integrations/test",
                        apiKeyProvider("Typed", provider.baseApiUrl(), "tenant=acme", PROVIDER_KEY));
        HttpApi.Answer wrongKey = alice().post(
                        "/api/integrations/test",
                        apiKeyProvider("Typed", provider.baseApiUrl(), "", "typed-wrong-key-0123456789"));

        assertThat(good.status()).as(good.body()).isEqualTo(200);
        assertThat(good.json().path("ok").asBoolean()).isTrue();
        assertThat(good.json().path("steps"))
                .extracting(step ->
                        step.path("name").asText() + "=" + step.path("outcome").asText())
                .containsExactly("reachable=PASSED", "serviceInfo=PASSED", "authenticated=PASSED", "listedRoot=PASSED");
        assertThat(good.json().path("steps").get(0).path("latencyMillis").isNumber())
                .isTrue();
        assertThat(wrongKey.json().path("ok").asBoolean()).isFalse();
        assertThat(wrongKey.json().path("steps").get(2).path("outcome").asText())
                .isEqualTo("FAILED");
        assertThat(wrongKey.json().path("steps").get(2).path("message").asText())
                .contains("invalid API key");
        assertThat(good.body() + wrongKey.body()).doesNotContain(PROVIDER_KEY).doesNotContain("typed-wrong-key");
    }

    @Test
    void testing_a_saved_integration_uses_its_stored_key_and_stores_nothing() {
        String etag = alice().get("/api/integrations/" + id).header("ETag");

        HttpApi.Answer report = alice().post("/api/integrations/" + id + "/test", null);

        assertThat(report.json().path("ok").asBoolean()).as(report.body()).isTrue();
        assertThat(alice().get("/api/integrations/" + id).header("ETag")).isEqualTo(etag);
        assertThat(documentUser()
                        .post("/api/integrations/" + id + "/test", null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void registering_a_provider_on_a_private_address_is_refused_on_its_field() {
        // 127.0.0.1 itself is allowed here (allowed-private-hosts), in any spelling; its neighbours are not.
        for (String url : new String[] {
            "http://169.254.169.254/latest",
            "http://localhost:8080/api",
            "http://127.0.0.2/api",
            "http://[::ffff:10.0.0.1]/api",
            "http://0x7f000002/api",
            "http://10.1.2.3/x"
        }) {
            HttpApi.Answer refused =
                    alice().post("/api/integrations", apiKeyProvider(unique("Internal"), url, "", PROVIDER_KEY));

            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.errorFields()).as(url).containsExactly("baseApiUrl");
        }
    }

    @Test
    void a_download_streams_large_files_through() throws Exception {
        byte[] large = new byte[8 * 1024 * 1024];
        new java.util.Random(7).nextBytes(large);
        provider.contentOf("big", large);

        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + documents("download?id=big")))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString(
                                                                "dora:dora-pw".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(large);
    }
}
