package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The integrations resources: shapes, versions, read-your-writes and idempotency, over real HTTP. */
class IntegrationsApiTest extends ApiTestBase {

    @Test
    void adding_an_oauth2_integration_answers_201_with_location_etag_and_the_integration_without_its_secret() {
        String name = unique("Docs");
        Answer created = alice().post("/api/integrations", oauth2Body(name));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/integrations/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        assertThat(body.path("name").asText()).isEqualTo(name);
        assertThat(body.path("baseApiUrl").asText()).isEqualTo("https://docs.acme.example/api/v1");
        assertThat(body.path("requestParameters").asText()).isEqualTo("access_type=offline");
        assertThat(body.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(body.path("version").asLong()).isZero();
        assertThat(body.path("createdAt").asText()).isNotBlank();
        assertThat(body.path("lastChangedBy").asText()).isEqualTo("alice");
        JsonNode authentication = body.path("authentication");
        assertThat(authentication.path("type").asText()).isEqualTo("OAUTH2");
        assertThat(authentication.path("clientId").asText()).isEqualTo("registry-client");
        assertThat(authentication.path("redirectUri").asText())
                .isEqualTo("https://registry.acme.example/oauth2/callback/" + id);
        assertThat(authentication.path("clientSecret").path("set").asBoolean()).isTrue();
        assertThat(authentication.path("clientSecret").path("last4").asText()).isEqualTo("6789");
        assertThat(authentication.has("apiKey")).isFalse();
        assertThat(created.body()).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void a_secret_shorter_than_16_characters_shows_last4_as_null() {
        Answer created = alice().post("/api/integrations", apiKeyBody(unique("Short"), SHORT_API_KEY));

        assertThat(created.status()).isEqualTo(201);
        JsonNode apiKey = created.json().path("authentication").path("apiKey");
        assertThat(apiKey.path("set").asBoolean()).isTrue();
        assertThat(apiKey.has("last4")).isTrue();
        assertThat(apiKey.path("last4").isNull()).isTrue();
    }

    @Test
    void reading_one_integration_answers_it_with_its_etag() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("One"), API_KEY))
                .json()
                .path("id")
                .asText();

        Answer read = documentUser().get("/api/integrations/" + id);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"0\"");
        assertThat(read.json().path("id").asText()).isEqualTo(id);
    }

    @Test
    void the_list_is_sorted_by_name_filtered_by_status_and_name_part_and_paginated() {
        String tag = unique("list").replace(' ', '-');
        for (String name : List.of("charlie", "Alpha", "bravo")) {
            alice().post("/api/integrations", apiKeyBody(tag + " " + name, API_KEY));
        }
        String bravo = alice().get("/api/integrations?q=" + tag + "%20bravo")
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asText();
        alice().post("/api/integrations/" + bravo + "/deactivate", null);

        JsonNode all = alice().get("/api/integrations?q=" + tag + "&size=2").json();
        JsonNode second =
                alice().get("/api/integrations?q=" + tag + "&size=2&page=1").json();
        JsonNode inactive =
                alice().get("/api/integrations?q=" + tag + "&status=INACTIVE").json();

        assertThat(names(all)).containsExactly(tag + " Alpha", tag + " bravo");
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(all.path("page").asInt()).isZero();
        assertThat(all.path("size").asInt()).isEqualTo(2);
        assertThat(names(second)).containsExactly(tag + " charlie");
        assertThat(names(inactive)).containsExactly(tag + " bravo");
    }

    @Test
    void theListIsSortedByStatusOrLastChangeInEitherDirection() {
        String tag = unique("sorted").replace(' ', '-');
        List<String> ids = new ArrayList<>();
        for (String name : List.of("charlie", "Alpha", "bravo")) {
            ids.add(alice().post("/api/integrations", apiKeyBody(tag + " " + name, API_KEY))
                    .json()
                    .path("id")
                    .asText());
        }
        alice().post("/api/integrations/" + ids.get(0) + "/deactivate", null);

        JsonNode byStatus =
                alice().get("/api/integrations?q=" + tag + "&sort=status").json();
        JsonNode byStatusDown = alice().get("/api/integrations?q=" + tag + "&sort=status&direction=desc")
                .json();
        JsonNode lastChangedFirst = alice().get("/api/integrations?q=" + tag + "&sort=updatedAt&direction=desc")
                .json();
        JsonNode byNameDown =
                alice().get("/api/integrations?q=" + tag + "&direction=desc").json();

        assertThat(names(byStatus)).containsExactly(tag + " Alpha", tag + " bravo", tag + " charlie");
        assertThat(names(byStatusDown)).containsExactly(tag + " charlie", tag + " bravo", tag + " Alpha");
        assertThat(names(lastChangedFirst).get(0)).isEqualTo(tag + " charlie");
        assertThat(names(byNameDown)).containsExactly(tag + " charlie", tag + " bravo", tag + " Alpha");
    }

    @Test
    void anUnknownSortOrDirectionIsA400ProblemNamingBothFields() {
        Answer refused = alice().get("/api/integrations?sort=createdAt&direction=up");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        refused.json()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("sort", "direction");
    }

    @Test
    void theSearchFindsAnIntegrationByAPartOfItsBaseApiUrl() {
        String host = unique("host").replace(' ', '-').toLowerCase(java.util.Locale.ROOT);
        String name = unique("By URL");
        alice().post("/api/integrations", """
                {"name": "%s", "baseApiUrl": "https://%s.example/api",
                 "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, host, API_KEY));

        JsonNode found = alice().get("/api/integrations?q=" + host.toUpperCase(java.util.Locale.ROOT) + ".EXAMPLE/")
                .json();

        assertThat(names(found)).containsExactly(name);
        assertThat(found.path("total").asLong()).isEqualTo(1);
    }

    @Test
    void an_edit_needs_if_match_is_refused_when_stale_and_otherwise_answers_the_new_etag() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Edit"), API_KEY))
                .json()
                .path("id")
                .asText();
        String renamed = unique("Edited");

        Answer withoutIfMatch = alice().put("/api/integrations/" + id, apiKeyBody(renamed, API_KEY), Map.of());
        Answer stale = alice().put("/api/integrations/" + id, apiKeyBody(renamed, API_KEY), ifMatch("\"7\""));
        Answer edited = alice().put("/api/integrations/" + id, apiKeyBody(renamed, API_KEY), ifMatch("\"0\""));

        assertThat(withoutIfMatch.status()).isEqualTo(428);
        assertThat(withoutIfMatch.header("Content-Type")).startsWith("application/problem+json");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"1\"");
        assertThat(edited.json().path("name").asText()).isEqualTo(renamed);
        assertThat(alice().get("/api/integrations/" + id).json().path("version").asLong())
                .isEqualTo(1);
    }

    @Test
    void an_edit_that_changes_nothing_answers_the_same_version_and_a_secret_left_out_is_kept() {
        String name = unique("Same");
        String id = alice().post("/api/integrations", oauth2Body(name))
                .json()
                .path("id")
                .asText();
        String withoutSecret = oauth2Body(name).replace(", \"clientSecret\": \"" + CLIENT_SECRET + "\"", "");

        Answer sameAgain = alice().put("/api/integrations/" + id, oauth2Body(name), ifMatch("\"0\""));
        Answer secretLeftOut = alice().put("/api/integrations/" + id, withoutSecret, ifMatch("\"0\""));

        assertThat(sameAgain.status()).isEqualTo(200);
        assertThat(sameAgain.header("ETag")).isEqualTo("\"0\"");
        assertThat(secretLeftOut.status()).isEqualTo(200);
        assertThat(secretLeftOut.json().path("version").asLong()).isZero();
        assertThat(secretLeftOut
                        .json()
                        .path("authentication")
                        .path("clientSecret")
                        .path("last4")
                        .asText())
                .isEqualTo("6789");
    }

    @Test
    void activating_and_deactivating_answer_the_integration_and_repeating_one_stores_nothing() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Toggle"), API_KEY))
                .json()
                .path("id")
                .asText();

        Answer deactivated = alice().post("/api/integrations/" + id + "/deactivate", null);
        Answer again = alice().post("/api/integrations/" + id + "/deactivate", null);
        Answer staleActivate = alice().post("/api/integrations/" + id + "/activate", null, ifMatch("\"0\""));
        Answer activated = alice().post("/api/integrations/" + id + "/activate", null, ifMatch("\"1\""));

        assertThat(deactivated.status()).isEqualTo(200);
        assertThat(deactivated.json().path("status").asText()).isEqualTo("INACTIVE");
        assertThat(deactivated.header("ETag")).isEqualTo("\"1\"");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("ETag")).isEqualTo("\"1\"");
        assertThat(staleActivate.status()).isEqualTo(412);
        assertThat(activated.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(activated.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void once_a_command_answered_the_next_read_shows_it() {
        for (int i = 0; i < 15; i++) {
            String name = unique("Ryw");
            Answer created = alice().post("/api/integrations", apiKeyBody(name, API_KEY));
            String id = created.json().path("id").asText();

            assertThat(alice().get("/api/integrations/" + id).status()).isEqualTo(200);
            assertThat(names(alice().get("/api/integrations?q=" + name.replace(" ", "%20"))
                            .json()))
                    .containsExactly(name);

            alice().post("/api/integrations/" + id + "/deactivate", null);
            assertThat(alice().get("/api/integrations/" + id)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("INACTIVE");
        }
    }

    @Test
    void the_same_idempotency_key_and_body_returns_the_first_answer_and_creates_nothing_new() {
        String body = apiKeyBody(unique("Idem"), API_KEY);
        Map<String, String> key = Map.of("Idempotency-Key", "key-" + unique("k").replace(' ', '-'));

        Answer first = alice().post("/api/integrations", body, key);
        Answer second = alice().post("/api/integrations", body, key);
        Answer otherBody = alice().post("/api/integrations", apiKeyBody(unique("Other"), API_KEY), key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void racing_requests_with_one_idempotency_key_create_one_integration_and_get_identical_answers() throws Exception {
        String name = unique("Race");
        String body = apiKeyBody(name, API_KEY);
        Map<String, String> key = Map.of("Idempotency-Key", "race-" + name.replace(' ', '-'));
        ExecutorService pool = Executors.newFixedThreadPool(10);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(pool.submit((Callable<Answer>) () -> {
                start.await();
                return alice().post("/api/integrations", body, key);
            }));
        }
        start.countDown();
        Set<String> bodies = new HashSet<>();
        for (Future<Answer> answer : answers) {
            Answer got = answer.get();
            assertThat(got.status()).isEqualTo(201);
            bodies.add(got.body());
        }
        pool.shutdown();

        assertThat(bodies).hasSize(1);
        assertThat(alice().get("/api/integrations?q=" + name.replace(" ", "%20"))
                        .json()
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @AfterAll
    static void no_answer_of_the_suite_ever_contained_a_secret_it_sent() {
        synchronized (HttpApi.ANSWERED_BODIES) {
            assertThat(HttpApi.ANSWERED_BODIES).isNotEmpty();
            for (String body : HttpApi.ANSWERED_BODIES) {
                assertThat(body)
                        .doesNotContain(CLIENT_SECRET)
                        .doesNotContain(API_KEY)
                        .doesNotContain(SHORT_API_KEY);
            }
        }
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }
}
