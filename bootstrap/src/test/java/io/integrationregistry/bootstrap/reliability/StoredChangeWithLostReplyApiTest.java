package io.integrationregistry.bootstrap.reliability;

import fixtures.keys.TestKeys;
import io.integrationregistry.bootstrap.RunningRegistry;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, on the MongoDB wire: the database commits the insert of an integration's first event and
 * the connection closes before its reply arrives. The creation is a stored one: the service answers it
 * (or a retry with the same Idempotency-Key does), and only one integration bears the name.
 */
class StoredChangeWithLostReplyApiTest {

    private static final String API_KEY = "ak_live_0123456789abcdef";

    @TempDir
    Path data;

    @Test
    void aStoredChangeWhoseReplyIsLostIsTreatedAsNotStored() throws Exception {
        try (FaultMongoServer database = FaultMongoServer.start(data);
                ReplyLosingProxy network = ReplyLosingProxy.inFrontOf(database.uri());
                RunningRegistry service = RunningRegistry.start(
                        "spring.data.mongodb.uri=" + network.uri(FaultMongoServer.DATABASE),
                        "registry.secrets.keyset=" + TestKeys.keysetJson(),
                        "registry.security.users.alice.password={noop}alice-pw",
                        "registry.security.users.alice.company=acme",
                        "registry.security.users.alice.roles=INTEGRATION_ADMIN")) {
            HttpApi api = HttpApi.as(service.port(), "alice", "alice-pw", Duration.ofSeconds(60));
            String name = "Lost reply " + UUID.randomUUID().toString().substring(0, 8);
            String body = """
                    {"name": "%s", "baseApiUrl": "https://files.acme.example/webhooks",
                     "authentication": {"type": "API_KEY", "apiKey": "%s"}}""".formatted(name, API_KEY);
            Map<String, String> key =
                    Map.of("Idempotency-Key", UUID.randomUUID().toString());

            network.loseReplyToNextInsertInto("domainevents");
            Answer first = api.post("/api/integrations", body, key);
            Answer retried = api.post("/api/integrations", body, key);

            long added = database.database()
                    .getCollection("domainevents")
                    .countDocuments(new Document("payloadType", new Document("$regex", "IntegrationAdded")));
            System.out.printf(
                    "RELIABILITY lost-reply: replies lost %d; first answer %d, retry %d; %d addition(s)" + " stored%n",
                    network.repliesLost(), first.status(), retried.status(), added);
            assertThat(network.repliesLost())
                    .as("replies lost after the insert was committed")
                    .isEqualTo(1);
            assertThat(retried.status()).as(retried.body()).isIn(200, 201);
            if (first.status() / 100 == 2) {
                assertThat(retried.json().path("id").asText())
                        .isEqualTo(first.json().path("id").asText());
            }
            assertThat(added).as("integrations added").isEqualTo(1);
            String query = "/api/integrations?q=" + name.replace(" ", "%20");
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(api.get(query).json().path("items"))
                            .as("listed")
                            .hasSize(1));
            Answer again = api.post(
                    "/api/integrations",
                    body,
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(again.status())
                    .as("the name is still taken: " + again.body())
                    .isEqualTo(409);
        }
    }
}
