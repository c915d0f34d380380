package io.integrationregistry.bootstrap.api;

import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoServer;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** With the database gone, requests fail fast with 503 and Retry-After, never a 500 or a hang. */
@DirtiesContext
class DatabaseOutageApiTest extends ApiTestBase {

    @Autowired
    EmbeddedMongoServer database;

    @Test
    void when_the_database_is_unreachable_reads_and_writes_answer_503_with_retry_after_within_seconds() {
        assertThat(alice().post("/api/integrations", apiKeyBody(unique("Before"), API_KEY))
                        .status())
                .isEqualTo(201);

        database.close();
        Instant start = Instant.now();
        Answer read = alice().get("/api/integrations");
        Answer write = alice().post("/api/integrations", apiKeyBody(unique("During"), API_KEY));
        Answer rewrap = operator().post("/actuator/datakeys", null);

        for (Answer answer : new Answer[] {read, write, rewrap}) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.header("Retry-After")).isNotBlank();
            assertThat(answer.body()).doesNotContain("Exception");
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
    }
}
