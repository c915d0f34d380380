package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.application.integrations.port.out.RememberedRequest;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationStatus;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What the service needs of its idempotency keys: atomic claims per company and key, answers kept. */
abstract class IdempotencyKeysContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123Z");
    private static final Duration RETENTION = Duration.ofHours(24);

    private MongoIdempotencyKeys keys;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        MongoTemplate mongo = template();
        mongo.dropCollection(MongoIdempotencyKeys.COLLECTION);
        keys = new MongoIdempotencyKeys(mongo, RETENTION);
        keys.ensureIndexes();
    }

    @Test
    void given_a_claimed_key_then_a_second_claim_gets_the_first_request_but_another_company_claims_its_own() {
        RememberedRequest first = remembered("fp-1");

        assertThat(keys.claim(ACME, "k1", first)).isEmpty();
        assertThat(keys.claim(ACME, "k1", remembered("fp-2"))).contains(first);
        assertThat(keys.claim(GLOBEX, "k1", remembered("fp-3"))).isEmpty();
    }

    @Test
    void given_an_answered_request_then_the_answer_is_found_with_it() {
        RememberedRequest first = remembered("fp-1");
        keys.claim(ACME, "k1", first);
        IntegrationView answer = view(first.integrationId());

        keys.answer(ACME, "k1", first, withAnswer(first, answer));

        RememberedRequest found = keys.find(ACME, "k1").orElseThrow();
        assertThat(found.answered()).isTrue();
        assertThat(found.answer()).isEqualTo(answer);
    }

    @Test
    void given_16_concurrent_claims_of_one_key_then_exactly_one_gets_it() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String fingerprint = "fp-" + i;
            outcomes.add(pool.submit((Callable<Boolean>) () -> {
                start.await();
                return keys.claim(ACME, "raced", remembered(fingerprint)).isEmpty();
            }));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> outcome : outcomes) {
            won += outcome.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(won).isEqualTo(1);
    }

    @Test
    void given_a_claimed_key_then_replace_is_a_compare_and_swap_and_forget_only_removes_the_same_request() {
        RememberedRequest expired = remembered("fp-old");
        keys.claim(ACME, "k1", expired);
        RememberedRequest renewed = remembered("fp-new");

        assertThat(keys.replace(ACME, "k1", expired, renewed)).isTrue();
        assertThat(keys.replace(ACME, "k1", expired, remembered("fp-other"))).isFalse();

        keys.forget(ACME, "k1", expired);
        assertThat(keys.find(ACME, "k1")).contains(renewed);
        keys.forget(ACME, "k1", renewed);
        assertThat(keys.find(ACME, "k1")).isEmpty();
    }

    @Test
    void nameUniquenessIsOnlyToLowerCaseRoot_idempotencyKeysExpireByATtlIndexOnTheirRetention() {
        keys.ensureIndexes();

        Document ttl = ttlIndex();
        assertThat(ttl.get("key", Document.class)).isEqualTo(new Document("firstSeen", 1));
        assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isEqualTo(RETENTION.toSeconds());
    }

    @Test
    void given_another_retention_at_start_then_the_ttl_index_follows_it() {
        new MongoIdempotencyKeys(template(), Duration.ofHours(48)).ensureIndexes();

        assertThat(((Number) ttlIndex().get("expireAfterSeconds")).longValue())
                .isEqualTo(Duration.ofHours(48).toSeconds());
    }

    @Test
    void given_a_claimed_key_then_its_first_seen_time_is_stored_as_a_date_which_ttl_needs() {
        keys.claim(ACME, "k1", remembered("fp-1"));

        Document stored =
                template().getCollection(MongoIdempotencyKeys.COLLECTION).find().first();
        assertThat(stored.get("firstSeen")).isInstanceOf(java.util.Date.class);
    }

    private Document ttlIndex() {
        List<Document> indexes = new ArrayList<>();
        template().getCollection(MongoIdempotencyKeys.COLLECTION).listIndexes().into(indexes);
        Document ttl = indexes.stream()
                .filter(index -> MongoIdempotencyKeys.TTL_INDEX.equals(index.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no TTL index in " + indexes));
        Document keyOf = new Document();
        ttl.get("key", Document.class)
                .forEach((field, direction) -> keyOf.append(field, ((Number) direction).intValue()));
        return new Document(ttl).append("key", keyOf);
    }

    private static RememberedRequest remembered(String fingerprint) {
        return new RememberedRequest(IntegrationId.of(UUID.randomUUID()), "salt", fingerprint, T0, null);
    }

    private static RememberedRequest withAnswer(RememberedRequest request, IntegrationView answer) {
        return new RememberedRequest(
                request.integrationId(), request.salt(), request.fingerprint(), request.firstSeen(), answer);
    }

    private static IntegrationView view(IntegrationId id) {
        return new IntegrationView(
                id.value(),
                "acme",
                "Docs",
                "https://docs.example/api",
                "",
                IntegrationStatus.ACTIVE,
                0,
                T0,
                T0,
                "alice",
                new AuthenticationView(
                        AuthenticationType.API_KEY, null, null, null, null, null, null, new SecretView(true, "wxyz")));
    }
}
