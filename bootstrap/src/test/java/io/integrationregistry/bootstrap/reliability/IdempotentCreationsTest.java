package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.api.ApiTestBase;
import io.integrationregistry.bootstrap.api.HttpApi;
import io.integrationregistry.bootstrap.api.HttpApi.Answer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A creation retried many times at once with one Idempotency-Key, as a client with an eager retry
 * policy would: the duplicates wait for the first request and all get its answer; one integration.
 */
class IdempotentCreationsTest extends ApiTestBase {

    @Autowired
    MongoTemplate mongo;

    @Test
    void concurrent_creations_with_one_idempotency_key_create_one_integration_and_all_get_the_same_answer()
            throws Exception {
        HttpApi api = alice();
        int clients = LoadSizes.IDEMPOTENT_RETRIES;
        for (int round = 0; round < LoadSizes.IDEMPOTENCY_KEYS; round++) {
            String name = unique("Idempotent");
            String body = apiKeyBody(name, API_KEY);
            Map<String, String> key =
                    Map.of("Idempotency-Key", UUID.randomUUID().toString());
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return api.post("/api/integrations", body, key);
                }));
            }
            assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            go.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            Set<String> locations = new TreeSet<>();
            Set<String> ids = new TreeSet<>();
            Set<String> etags = new TreeSet<>();
            long slowest = 0;
            for (Future<Answer> future : futures) {
                Answer answer = future.get(120, TimeUnit.SECONDS);
                slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                statuses.merge(answer.status(), 1, Integer::sum);
                locations.add(String.valueOf(answer.header("Location")));
                etags.add(String.valueOf(answer.header("ETag")));
                ids.add(answer.status() / 100 == 2 ? answer.json().path("id").asText() : answer.body());
            }
            pool.shutdown();
            LoadEventStream stream = LoadEventStream.read(mongo.getDb(), any -> true);
            long stored = stream.integrations().stream()
                    .filter(id -> name.equals(stream.last(id).name()))
                    .count();
            long added = mongo.getCollection("domainevents")
                    .countDocuments(new Document("aggregateIdentifier", new Document("$in", List.copyOf(ids))));
            long listed = mongo.getCollection("integration_list").countDocuments(new Document("name", name));
            System.out.printf(
                    "RELIABILITY idempotent-creations: %d concurrent POSTs with one Idempotency-Key (round %d "
                            + "of %d), all answered within %d ms: statuses %s, %d distinct Locations, %d distinct ids, "
                            + "%d distinct ETags; %d integration(s) stored with the name (%d events), %d listed; 5xx: %d%n",
                    clients,
                    round + 1,
                    LoadSizes.IDEMPOTENCY_KEYS,
                    slowest,
                    statuses,
                    locations.size(),
                    ids.size(),
                    etags.size(),
                    stored,
                    added,
                    listed,
                    statuses.entrySet().stream()
                            .filter(s -> s.getKey() >= 500)
                            .mapToInt(Map.Entry::getValue)
                            .sum());

            assertThat(statuses).as("every answer is the first one's").isEqualTo(Map.of(201, clients));
            assertThat(locations).as("Locations answered").hasSize(1);
            assertThat(ids).as("integration ids answered").hasSize(1);
            assertThat(etags).as("ETags answered").containsExactly("\"0\"");
            assertThat(locations.iterator().next())
                    .isEqualTo("/api/integrations/" + ids.iterator().next());
            assertThat(stored).as("integrations stored").isEqualTo(1);
            assertThat(added).as("events stored: the one addition").isEqualTo(1);
            assertThat(listed).as("integrations listed with the name").isEqualTo(1);
        }
    }
}
