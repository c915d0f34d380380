package io.integrationregistry.bootstrap.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator can tell a rebuild has finished: {@code replaying} turns false once the rebuild has caught up
 * with the newest stored event, without waiting for a further event to arrive.
 */
class ProjectionReplayStatusTest extends ApiTestBase {

    @Autowired
    MongoTemplate mongo;

    @Test
    void replayingTurnsFalseOnceCaughtUpWithNoNewEvent() {
        assertThat(alice().post("/api/integrations", apiKeyBody(unique("Replayed"), API_KEY))
                        .status())
                .isEqualTo(201);
        long events = mongo.count(new Query(), "domainevents");

        for (String projection : new String[] {"integration-list", "audit-trail"}) {
            Answer accepted = operator().post("/api/admin/projections/" + projection + "/replay", null);
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(replaying(accepted.json(), projection))
                    .as("%s replays once asked", projection)
                    .isTrue();

            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() ->
                            !replaying(operator().get("/api/admin/projections").json(), projection));
            assertThat(replaying(operator().get("/actuator/projections").json(), projection))
                    .as("%s as Actuator reports it", projection)
                    .isFalse();
        }
        assertThat(mongo.count(new Query(), "domainevents"))
                .as("no event was stored meanwhile")
                .isEqualTo(events);
    }

    private static boolean replaying(JsonNode statuses, String projection) {
        for (JsonNode status : statuses) {
            if (projection.equals(status.path("name").asText())) {
                return status.path("replaying").asBoolean();
            }
        }
        throw new AssertionError("no status for " + projection + " in " + statuses);
    }
}
