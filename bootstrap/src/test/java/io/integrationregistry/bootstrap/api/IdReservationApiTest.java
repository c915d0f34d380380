package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration ids reserved before the first save, so that an OAuth2 redirect URI can be registered at the
 * provider before it issues the client id and secret; and what another company can (not) do with them.
 */
class IdReservationApiTest extends ApiTestBase {

    private static final String RESERVATIONS = "/api/integrations/reservations";
    private static final String COLLECTION = "integration_id_reservations";
    /** The default bound of a company's open reservations. */
    private static final int MAX_OPEN = 100;

    @Autowired
    private MongoTemplate mongo;

    @Test
    void theRedirectUriIsKnownBeforeTheFirstSaveAndIsTheSavedIntegrations() {
        Answer reserved = alice().post(RESERVATIONS, null);

        assertThat(reserved.status()).isEqualTo(201);
        String id = reserved.json().path("integrationId").asText();
        String redirectUri = reserved.json().path("redirectUri").asText();
        assertThat(redirectUri).isEqualTo("https://registry.acme.example/oauth2/callback/" + id);
        assertThat(Instant.parse(reserved.json().path("expiresAt").asText()))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        Answer created = alice().post("/api/integrations", withReservedId(oauth2Body(unique("Reserved")), id));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/api/integrations/" + id);
        assertThat(created.json().path("id").asText()).isEqualTo(id);
        assertThat(created.json().path("authentication").path("redirectUri").asText())
                .isEqualTo(redirectUri);
        JsonNode added = auditor()
                .get("/api/integrations/" + id + "/history")
                .json()
                .path("items")
                .get(0);
        assertThat(added.path("type").asText()).isEqualTo("ADDED");
        assertThat(added.path("payload")
                        .path("authentication")
                        .path("redirectUri")
                        .asText())
                .isEqualTo(redirectUri);
        assertThat(auditedRedirectUri(id)).isEqualTo(redirectUri);
    }

    @Test
    void aReservedIdCreatesOneIntegrationOnlyASecondCreationIsAConflict() {
        String id =
                alice().post(RESERVATIONS, null).json().path("integrationId").asText();
        assertThat(alice().post("/api/integrations", withReservedId(oauth2Body(unique("Once")), id))
                        .status())
                .isEqualTo(201);

        Answer again = carol().post("/api/integrations", withReservedId(oauth2Body(unique("Twice")), id));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("/problems/conflict");
        Answer underAnotherKey = alice().post(
                        "/api/integrations",
                        withReservedId(oauth2Body(unique("Thrice")), id),
                        Map.of("Idempotency-Key", "reuse-" + UUID.randomUUID()));
        assertThat(underAnotherKey.status()).isEqualTo(409);
    }

    @Test
    void aRepeatedCreationUnderItsIdempotencyKeyIsAnsweredAsTheFirst() {
        String id =
                alice().post(RESERVATIONS, null).json().path("integrationId").asText();
        String body = withReservedId(oauth2Body(unique("Replayed")), id);
        Map<String, String> key = Map.of("Idempotency-Key", "replay-" + UUID.randomUUID());

        Answer first = alice().post("/api/integrations", body, key);
        Answer repeat = alice().post("/api/integrations", body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.json().path("id").asText()).isEqualTo(id);
        assertThat(repeat.json().path("version").asLong()).isZero();
    }

    @Test
    void anotherCompanyCannotCreateWithAReservedIdNorTellItFromAnUnknownOne() {
        String id =
                alice().post(RESERVATIONS, null).json().path("integrationId").asText();

        Answer foreign = globexAdmin().post("/api/integrations", withReservedId(oauth2Body("Taken over"), id));
        Answer unknown = globexAdmin()
                .post(
                        "/api/integrations",
                        withReservedId(
                                oauth2Body("Taken over"), UUID.randomUUID().toString()));

        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.errorFields()).containsExactly("reservedId");
        assertThat(foreign.json().path("errors")).isEqualTo(unknown.json().path("errors"));
        assertThat(foreign.json().path("detail")).isEqualTo(unknown.json().path("detail"));
        // Once used by its company, the id is still nothing to another.
        assertThat(alice().post("/api/integrations", withReservedId(oauth2Body(unique("Acme's")), id))
                        .status())
                .isEqualTo(201);
        Answer used = globexAdmin().post("/api/integrations", withReservedId(oauth2Body("Taken over"), id));
        assertThat(used.status()).isEqualTo(400);
        assertThat(used.json().path("errors")).isEqualTo(unknown.json().path("errors"));
        assertThat(alice().get("/api/integrations/" + id).json().path("name").asText())
                .startsWith("Acme's");
    }

    @Test
    void anExpiredReservationIsRefusedNamingTheField() {
        String id =
                alice().post(RESERVATIONS, null).json().path("integrationId").asText();
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id)),
                new Update().set("expiresAt", Date.from(Instant.now().minusSeconds(1))),
                COLLECTION);

        Answer expired = alice().post("/api/integrations", withReservedId(oauth2Body(unique("Late")), id));

        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.json().path("errors").get(0).path("field").asText()).isEqualTo("reservedId");
        assertThat(expired.json().path("errors").get(0).path("rule").asText()).contains("expired");
        assertThat(alice().get("/api/integrations/" + id).status()).isEqualTo(404);
    }

    @Test
    void aMalformedReservedIdIsNamedWithEveryOtherBrokenField() {
        Answer notAnId = alice().post("/api/integrations", withReservedId(oauth2Body(""), "not-an-id"));
        Answer notAString = alice().post(
                        "/api/integrations", oauth2Body(unique("Typed")).replaceFirst("\\{", "{\"reservedId\": 42, "));

        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.errorFields()).containsExactlyInAnyOrder("name", "reservedId");
        assertThat(notAString.status()).isEqualTo(400);
        assertThat(notAString.errorFields()).containsExactly("reservedId");
    }

    @Test
    void onlyTheCompanysAdministratorsReserveIds() {
        assertThat(auditor().post(RESERVATIONS, null).status()).isEqualTo(403);
        assertThat(documentUser().post(RESERVATIONS, null).status()).isEqualTo(403);
        assertThat(operator().post(RESERVATIONS, null).status()).isEqualTo(403);
        assertThat(anonymous().post(RESERVATIONS, null).status()).isEqualTo(401);
    }

    @Test
    void aCompanyHoldsABoundedNumberOfOpenReservationsAndExpiredOnesMakeRoom() {
        // globex's reservations are filled directly, at the bound, as if it had reserved that often.
        List<Document> open = new ArrayList<>();
        for (int i = 0; i < MAX_OPEN; i++) {
            open.add(reservation("globex", Instant.now().plus(Duration.ofHours(1))));
        }
        mongo.getCollection(COLLECTION).insertMany(open);
        try {
            Answer refused = globexAdmin().post(RESERVATIONS, null);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().path("type").asText()).isEqualTo("/problems/too-many-reservations");
            // another company is not held back by it
            assertThat(alice().post(RESERVATIONS, null).status()).isEqualTo(201);

            mongo.getCollection(COLLECTION)
                    .updateMany(
                            new Document("companyId", "globex"),
                            new Document(
                                    "$set",
                                    new Document(
                                            "expiresAt", Date.from(Instant.now().minusSeconds(1)))));
            assertThat(globexAdmin().post(RESERVATIONS, null).status()).isEqualTo(201);
            assertThat(mongo.getCollection(COLLECTION).countDocuments(new Document("companyId", "globex")))
                    .isEqualTo(1);
        } finally {
            mongo.getCollection(COLLECTION).deleteMany(new Document("companyId", "globex"));
        }
    }

    private static Document reservation(String company, Instant expiresAt) {
        return new Document("_id", UUID.randomUUID().toString())
                .append("companyId", company)
                .append("reservedAt", Date.from(Instant.now()))
                .append("expiresAt", Date.from(expiresAt));
    }

    private static String withReservedId(String body, String id) {
        return body.replaceFirst("\\{", "{\"reservedId\": \"" + id + "\", ");
    }

    /** The redirect URI the audit trail shows for the integration's creation, once the trail has it. */
    private String auditedRedirectUri(String id) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            for (JsonNode entry : auditor()
                                    .get("/api/audit?integrationId=" + id)
                                    .json()
                                    .path("items")) {
                                for (JsonNode change : entry.path("changes")) {
                                    if ("authentication.redirectUri"
                                            .equals(change.path("field").asText())) {
                                        return change.path("after").asText();
                                    }
                                }
                            }
                            return null;
                        },
                        uri -> uri != null);
    }
}
