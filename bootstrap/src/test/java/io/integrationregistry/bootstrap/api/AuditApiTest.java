package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' view: trail, history, past states and exports, through the API as two users. */
@ExtendWith(OutputCaptureExtension.class)
class AuditApiTest extends ApiTestBase {

    private static final String NEW_CLIENT_SECRET = "rotated-client-secret-ABCDEFGHIJ";

    @Autowired
    MongoTemplate mongo;

    @Autowired
    ForRecordingConnectionTests connectionTests;

    @Test
    void anIntegrationAsOfTheCreatedAtItShowsIsItsFirstVersion() {
        JsonNode created =
                alice().post("/api/integrations", oauth2Body(unique("Born"))).json();
        String id = created.path("id").asText();
        String createdAt = created.path("createdAt").asText();

        Answer atCreation = auditor().get("/api/integrations/" + id + "?asOf=" + encode(Instant.parse(createdAt)));

        assertThat(atCreation.status()).isEqualTo(200);
        assertThat(atCreation.json().path("version").asLong()).isZero();
    }

    @Test
    void a_whole_life_is_told_by_the_trail_the_history_the_past_states_and_the_export(CapturedOutput output) {
        Instant beforeCreation = Instant.now();
        String name = unique("Audited");
        Answer created = alice().post("/api/integrations", oauth2Body(name), Map.of("X-Request-Id", "req-add-1"));
        assertThat(created.header("X-Request-Id")).isEqualTo("req-add-1");
        String id = created.json().path("id").asText();
        Instant afterAdd = Instant.now();

        String movedBody = oauth2Body(name)
                .replace("https://docs.acme.example/api/v1/", "https://dms.acme.example/v2")
                .replace(", \"clientSecret\": \"" + CLIENT_SECRET + "\"", "");
        assertThat(carol().put("/api/integrations/" + id, movedBody, ifMatch("\"0\""))
                        .status())
                .isEqualTo(200);
        Instant afterMove = Instant.now();
        String rotatedBody = oauth2Body(name)
                .replace("https://docs.acme.example/api/v1/", "https://dms.acme.example/v2")
                .replace(CLIENT_SECRET, NEW_CLIENT_SECRET);
        assertThat(alice().put("/api/integrations/" + id, rotatedBody, ifMatch("\"1\""))
                        .status())
                .isEqualTo(200);
        assertThat(carol().post("/api/integrations/" + id + "/deactivate", null).status())
                .isEqualTo(200);
        Instant afterDeactivation = Instant.now();
        assertThat(alice().post("/api/integrations/" + id + "/activate", null).status())
                .isEqualTo(200);

        // The trail, newest first.
        JsonNode trail = awaitTrail(id, 5);
        List<JsonNode> entries = new ArrayList<>();
        trail.path("items").forEach(entries::add);
        assertThat(entries)
                .extracting(entry -> entry.path("type").asText())
                .containsExactly("ACTIVATED", "DEACTIVATED", "EDITED", "EDITED", "ADDED");
        assertThat(entries)
                .extracting(entry -> entry.path("actor").asText())
                .containsExactly("alice", "carol", "alice", "carol", "alice");
        assertThat(entries).extracting(entry -> entry.path("version").asLong()).containsExactly(4L, 3L, 2L, 1L, 0L);
        assertThat(trail.path("next").isNull()).isTrue();
        JsonNode added = entries.get(4);
        assertThat(added.path("requestId").asText()).isEqualTo("req-add-1");
        assertThat(added.path("source").asText()).isEqualTo("api");
        assertThat(added.path("company").asText()).isEqualTo("acme");
        assertThat(added.path("integrationName").asText()).isEqualTo(name);
        assertThat(change(added, "authentication.clientSecret").path("changed").asBoolean())
                .isTrue();
        JsonNode moved = entries.get(3);
        assertThat(moved.path("changes")).hasSize(1);
        assertThat(change(moved, "baseApiUrl").path("before").asText()).isEqualTo("https://docs.acme.example/api/v1");
        assertThat(change(moved, "baseApiUrl").path("after").asText()).isEqualTo("https://dms.acme.example/v2");
        JsonNode rotated = entries.get(2);
        assertThat(rotated.path("changes")).hasSize(1);
        JsonNode secretChange = change(rotated, "authentication.clientSecret");
        assertThat(secretChange.path("changed").asBoolean()).isTrue();
        assertThat(secretChange.has("before")).isFalse();
        assertThat(secretChange.has("after")).isFalse();
        JsonNode deactivated = entries.get(1);
        assertThat(change(deactivated, "status").path("before").asText()).isEqualTo("ACTIVE");
        assertThat(change(deactivated, "status").path("after").asText()).isEqualTo("INACTIVE");

        // The history, straight from the event store.
        JsonNode history =
                auditor().get("/api/integrations/" + id + "/history").json().path("items");
        assertThat(history).hasSize(5);
        assertThat(history.get(0).path("type").asText()).isEqualTo("ADDED");
        assertThat(history.get(0).path("actor").asText()).isEqualTo("alice");
        assertThat(history.get(0).path("requestId").asText()).isEqualTo("req-add-1");
        assertThat(history.get(2)
                        .path("payload")
                        .path("authentication")
                        .path("clientSecret")
                        .path("set")
                        .asBoolean())
                .isTrue();
        assertThat(history.get(4).path("version").asLong()).isEqualTo(4);

        // Past states, folded from the events.
        assertThat(auditor()
                        .get("/api/integrations/" + id + "?asOf=" + encode(beforeCreation))
                        .status())
                .isEqualTo(404);
        JsonNode atAdd = auditor()
                .get("/api/integrations/" + id + "?asOf=" + encode(afterAdd))
                .json();
        assertThat(atAdd.path("baseApiUrl").asText()).isEqualTo("https://docs.acme.example/api/v1");
        assertThat(atAdd.path("version").asLong()).isZero();
        JsonNode atMove = auditor()
                .get("/api/integrations/" + id + "?asOf=" + encode(afterMove))
                .json();
        assertThat(atMove.path("baseApiUrl").asText()).isEqualTo("https://dms.acme.example/v2");
        assertThat(atMove.path("authentication")
                        .path("clientSecret")
                        .path("last4")
                        .asText())
                .isEqualTo("6789");
        JsonNode atDeactivation = auditor()
                .get("/api/integrations/" + id + "?asOf=" + encode(afterDeactivation))
                .json();
        assertThat(atDeactivation.path("status").asText()).isEqualTo("INACTIVE");
        assertThat(atDeactivation
                        .path("authentication")
                        .path("clientSecret")
                        .path("last4")
                        .asText())
                .isEqualTo("GHIJ");
        assertThat(auditor()
                        .get("/api/integrations/" + id + "?version=1")
                        .json()
                        .path("version")
                        .asLong())
                .isEqualTo(1);
        assertThat(auditor().get("/api/integrations/" + id + "?version=9").status())
                .isEqualTo(404);

        // Exports.
        Answer ndjson = auditor().get("/api/audit/export?format=ndjson&integrationId=" + id);
        assertThat(ndjson.status()).isEqualTo(200);
        assertThat(ndjson.header("Content-Disposition"))
                .startsWith("attachment")
                .contains(".ndjson");
        assertThat(ndjson.body().strip().split("\n")).hasSize(5);
        Answer csv = auditor().get("/api/audit/export?format=csv&integrationId=" + id);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains(".csv");
        String[] rows = csv.body().strip().split("\r\n");
        assertThat(rows).hasSize(6);
        assertThat(rows[0]).startsWith("eventId,integrationId,integrationName");
        assertThat(rows[5]).contains("\"ADDED\"").contains("\"req-add-1\"");

        // Nothing of the secrets anywhere: raw collections and the log.
        for (String collection : List.of(
                "domainevents",
                "snapshotevents",
                "integration_list",
                "audit_trail",
                "audit_subjects",
                "idempotency_keys",
                "integration_names")) {
            for (Document document : mongo.getCollection(collection).find()) {
                assertThat(document.toJson())
                        .as(collection)
                        .doesNotContain(CLIENT_SECRET)
                        .doesNotContain(NEW_CLIENT_SECRET)
                        .doesNotContain(API_KEY);
            }
        }
        assertThat(output.getAll())
                .doesNotContain(CLIENT_SECRET)
                .doesNotContain(NEW_CLIENT_SECRET)
                .doesNotContain(API_KEY);
    }

    @Test
    void oauth2ScopesAreShownEditedAndToldByTheTrailTheHistoryAndThePastStates() {
        String name = unique("Scoped");
        String scoped = oauth2Body(name)
                .replace(
                        "\"clientId\": \"registry-client\"",
                        "\"clientId\": \"registry-client\", \"scopes\": [\"openid\", \"files.read\"]");
        Answer created = alice().post("/api/integrations", scoped);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asText();
        assertThat(scopes(created.json())).containsExactly("openid", "files.read");
        assertThat(scopes(alice().get("/api/integrations/" + id).json())).containsExactly("openid", "files.read");
        JsonNode listed = alice().get("/api/integrations?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .json()
                .path("items");
        assertThat(listed).hasSize(1);
        assertThat(scopes(listed.get(0))).containsExactly("openid", "files.read");

        String rescoped = scoped.replace(", \"clientSecret\": \"" + CLIENT_SECRET + "\"", "")
                .replace("[\"openid\", \"files.read\"]", "[\"files.read\", \"files.write\"]");
        Answer edited = carol().put("/api/integrations/" + id, rescoped, ifMatch("\"0\""));
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().path("version").asLong()).isEqualTo(1);
        assertThat(scopes(alice().get("/api/integrations/" + id).json())).containsExactly("files.read", "files.write");
        Answer same = carol().put("/api/integrations/" + id, rescoped, ifMatch("\"1\""));
        assertThat(same.json().path("version").asLong()).isEqualTo(1);

        JsonNode trail = awaitTrail(id, 2);
        JsonNode edit = trail.path("items").get(0);
        assertThat(edit.path("changes")).hasSize(1);
        assertThat(change(edit, "authentication.scopes").path("before").asText())
                .isEqualTo("openid files.read");
        assertThat(change(edit, "authentication.scopes").path("after").asText()).isEqualTo("files.read files.write");
        JsonNode history =
                auditor().get("/api/integrations/" + id + "/history").json().path("items");
        assertThat(scopes(history.get(0).path("payload"))).containsExactly("openid", "files.read");
        assertThat(scopes(history.get(1).path("payload"))).containsExactly("files.read", "files.write");
        assertThat(scopes(
                        auditor().get("/api/integrations/" + id + "?version=0").json()))
                .containsExactly("openid", "files.read");
        assertThat(scopes(
                        auditor().get("/api/integrations/" + id + "?version=1").json()))
                .containsExactly("files.read", "files.write");
    }

    private static List<String> scopes(JsonNode integration) {
        List<String> scopes = new ArrayList<>();
        integration.path("authentication").path("scopes").forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    @Test
    void the_trail_pages_newest_first_with_a_cursor_that_later_writes_do_not_disturb() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Paged"), API_KEY))
                .json()
                .path("id")
                .asText();
        for (int i = 0; i < 2; i++) {
            alice().post("/api/integrations/" + id + "/deactivate", null);
            alice().post("/api/integrations/" + id + "/activate", null);
        }

        awaitTrail(id, 5);
        JsonNode first =
                auditor().get("/api/audit?integrationId=" + id + "&size=2").json();
        alice().post("/api/integrations/" + id + "/deactivate", null);
        JsonNode second = auditor()
                .get("/api/audit?integrationId=" + id + "&size=2&cursor="
                        + first.path("next").asText())
                .json();
        JsonNode third = auditor()
                .get("/api/audit?integrationId=" + id + "&size=2&cursor="
                        + second.path("next").asText())
                .json();

        assertThat(versions(first)).containsExactly(4L, 3L);
        assertThat(versions(second)).containsExactly(2L, 1L);
        assertThat(versions(third)).containsExactly(0L);
        assertThat(third.path("next").isNull()).isTrue();
    }

    @Test
    void document_users_and_other_companies_cannot_read_the_trail() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Private"), API_KEY))
                .json()
                .path("id")
                .asText();

        assertThat(documentUser().get("/api/audit").status()).isEqualTo(403);
        assertThat(documentUser().get("/api/integrations/" + id + "/history").status())
                .isEqualTo(403);
        assertThat(documentUser().get("/api/integrations/" + id + "?version=0").status())
                .isEqualTo(403);
        assertThat(globexAdmin().get("/api/integrations/" + id + "/history").status())
                .isEqualTo(404);
        assertThat(globexAdmin().get("/api/integrations/" + id + "?version=0").status())
                .isEqualTo(404);
        JsonNode globexTrail =
                globexAdmin().get("/api/audit?integrationId=" + id).json();
        assertThat(globexTrail.path("items")).isEmpty();
        assertThat(auditor().get("/api/audit?type=SLEPT").status()).isEqualTo(400);
        assertThat(auditor().get("/api/audit?cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(auditor().get("/api/audit/export?format=xlsx").status()).isEqualTo(400);
    }

    /** The audit trail is a projection of its own: it follows the commands within moments. */
    @Test
    void connectionTestsAppearInTheTrailAndTheExportsFilteredByTypeAndIntegration() {
        String id = alice().post("/api/integrations", apiKeyBody(unique("Tested"), API_KEY))
                .json()
                .path("id")
                .asText();
        awaitTrail(id, 1);
        connectionTests.record(new ConnectionTestRecord(
                "test-" + id,
                new CompanyId("acme"),
                Optional.of(new IntegrationId(id)),
                "Tested",
                new Actor("carol"),
                Instant.now(),
                "req-test-1",
                "ui",
                List.of("https://files.acme.example"),
                "FAILED",
                "The provider answered 401."));

        JsonNode tested = auditor()
                .get("/api/audit?type=TESTED&integrationId=" + id)
                .json()
                .path("items");
        JsonNode all = auditor().get("/api/audit?integrationId=" + id).json().path("items");
        Answer ndjson = auditor().get("/api/audit/export?format=ndjson&type=tested&integrationId=" + id);
        Answer csv = auditor().get("/api/audit/export?format=csv&integrationId=" + id);

        assertThat(tested).hasSize(1);
        JsonNode entry = tested.get(0);
        assertThat(entry.path("type").asText()).isEqualTo("TESTED");
        assertThat(entry.path("actor").asText()).isEqualTo("carol");
        assertThat(entry.path("requestId").asText()).isEqualTo("req-test-1");
        assertThat(entry.path("version").isNull()).isTrue();
        assertThat(entry.path("test").path("outcome").asText()).isEqualTo("FAILED");
        assertThat(entry.path("test").path("summary").asText()).isEqualTo("The provider answered 401.");
        assertThat(entry.path("test").path("origins").get(0).asText()).isEqualTo("https://files.acme.example");
        assertThat(all).extracting(item -> item.path("type").asText()).containsExactly("TESTED", "ADDED");
        assertThat(all.get(1).has("test")).isFalse();
        assertThat(ndjson.body().strip().split("\n")).hasSize(1);
        assertThat(ndjson.body()).contains("\"outcome\":\"FAILED\"");
        String[] rows = csv.body().strip().split("\r\n");
        assertThat(rows[0]).endsWith(",changes,test");
        assertThat(rows[1]).contains("\"TESTED\"").contains("The provider answered 401.");
        assertThat(globexAdmin().get("/api/audit?type=TESTED").json().path("items"))
                .isEmpty();
        assertThat(auditor().get("/api/audit?type=TESTING").errorFields()).containsExactly("type");
    }

    @Test
    void theTrailAndItsExportsAreFilteredBySourceRequestIdAndPartOfTheActorInEitherOrder() {
        String request = "req-filter-" + System.nanoTime();
        String id = alice().post(
                        "/api/integrations", apiKeyBody(unique("Filtered"), API_KEY), Map.of("X-Request-Id", request))
                .json()
                .path("id")
                .asText();
        alice().post("/api/integrations/" + id + "/deactivate", null, Map.of("X-Registry-Source", "ui"));
        awaitTrail(id, 2);
        String trail = "/api/audit?integrationId=" + id;

        assertThat(types(auditor().get(trail + "&source=ui").json())).containsExactly("DEACTIVATED");
        assertThat(types(auditor().get(trail + "&source=API").json())).containsExactly("ADDED");
        assertThat(types(auditor().get(trail + "&requestId=" + request).json())).containsExactly("ADDED");
        assertThat(types(auditor().get(trail + "&actor=LIC").json())).containsExactly("DEACTIVATED", "ADDED");
        assertThat(types(auditor().get(trail + "&actor=.*").json())).isEmpty();
        assertThat(types(auditor().get(trail + "&order=asc").json())).containsExactly("ADDED", "DEACTIVATED");
        assertThat(types(auditor().get(trail + "&order=desc").json())).containsExactly("DEACTIVATED", "ADDED");
        String ndjson = auditor()
                .get("/api/audit/export?format=ndjson&integrationId=" + id + "&source=ui")
                .body();
        assertThat(ndjson.strip().split("\n")).hasSize(1);
        assertThat(ndjson).contains("\"type\":\"DEACTIVATED\"");
        String[] rows = auditor()
                .get("/api/audit/export?format=csv&integrationId=" + id + "&order=asc")
                .body()
                .strip()
                .split("\r\n");
        assertThat(rows).hasSize(3);
        assertThat(rows[1]).contains("\"ADDED\"");
        String[] one = auditor()
                .get("/api/audit/export?format=csv&requestId=" + request)
                .body()
                .strip()
                .split("\r\n");
        assertThat(one).hasSize(2);
    }

    @Test
    void anUnknownSourceAnUnfitRequestIdAndAnUnknownOrderAreRefusedByName() {
        String broken = "source=mail&requestId=" + "r".repeat(129) + "&order=sideways";

        assertThat(auditor().get("/api/audit?" + broken).errorFields())
                .containsExactlyInAnyOrder("source", "requestId", "order");
        assertThat(auditor().get("/api/audit/export?format=csv&" + broken).errorFields())
                .containsExactlyInAnyOrder("source", "requestId", "order");
        assertThat(auditor().get("/api/audit?requestId=" + encode("a b")).status())
                .isEqualTo(400);
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.path("items").forEach(item -> types.add(item.path("type").asText()));
        return types;
    }

    private JsonNode awaitTrail(String id, int entries) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(25))
                .until(
                        () -> auditor().get("/api/audit?integrationId=" + id).json(),
                        trail -> trail.path("items").size() >= entries);
    }

    private static List<Long> versions(JsonNode page) {
        List<Long> versions = new ArrayList<>();
        page.path("items").forEach(item -> versions.add(item.path("version").asLong()));
        return versions;
    }

    private static JsonNode change(JsonNode entry, String field) {
        for (JsonNode change : entry.path("changes")) {
            if (change.path("field").asText().equals(field)) {
                return change;
            }
        }
        throw new AssertionError("no change of " + field + " in " + entry);
    }

    private static String encode(Instant instant) {
        return encode(instant.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
