package io.integrationregistry.adapters.mongo;

import io.integrationregistry.application.connections.port.out.AuthorizationState;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.SealedSecret;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.integrationregistry.adapters.mongo.Fixtures.indexKeys;
import static io.integrationregistry.adapters.mongo.Fixtures.keys;
import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the service needs of its OAuth 2.0 states: kept exactly until consumed, and consumed at most
 * once even by racing callbacks. The same contract runs against every server the service supports.
 */
abstract class AuthorizationStatesContract {

    private static final CompanyId ACME = new CompanyId("acme");
    /** Nanoseconds on purpose: the states come back exactly as they were remembered. */
    private static final Instant T0 = Instant.parse("2026-11-01T10:15:30.123456789Z");

    private static final int RACERS = 16;

    private MongoTemplate mongo;
    private MongoAuthorizationStates states;

    /** A template on a database of the server under test. */
    abstract MongoTemplate template();

    @BeforeEach
    void emptyCollection() {
        mongo = template();
        mongo.dropCollection(MongoAuthorizationStates.COLLECTION);
        states = new MongoAuthorizationStates(mongo);
        states.ensureIndexes();
    }

    @Test
    void given_a_remembered_state_then_the_first_consume_answers_it_exactly_and_the_second_nothing() {
        AuthorizationState state = state("hash-1", T0);
        states.remember(state);

        assertThat(states.consume("hash-1")).contains(state);
        assertThat(states.consume("hash-1")).isEmpty();
        assertThat(mongo.getCollection(MongoAuthorizationStates.COLLECTION).countDocuments())
                .isZero();
    }

    @Test
    void given_an_unknown_hash_then_consuming_it_answers_nothing() {
        states.remember(state("hash-1", T0));

        assertThat(states.consume("hash-2")).isEmpty();
        assertThat(states.consume("")).isEmpty();
    }

    @Test
    void given_a_state_already_expired_then_it_is_still_answered_for_the_caller_to_judge() {
        // Long past, as a TTL purge may not have run yet; a purge may also have removed it: both are fine.
        AuthorizationState expired = state("hash-1", Instant.parse("2001-01-01T00:00:00.000000001Z"));
        states.remember(expired);

        Optional<AuthorizationState> consumed = states.consume("hash-1");

        consumed.ifPresent(found -> assertThat(found).isEqualTo(expired));
        assertThat(states.consume("hash-1")).isEmpty();
    }

    @Test
    void given_states_of_different_hashes_then_consuming_one_leaves_the_others() {
        AuthorizationState first = state("hash-1", T0);
        AuthorizationState second = new AuthorizationState(
                "hash-2",
                newId(),
                new CompanyId("globex"),
                "bob",
                T0.plusSeconds(1),
                "browser-hash-2",
                Optional.empty());
        AuthorizationState third = state("hash-3", T0.plusSeconds(2));
        states.remember(first);
        states.remember(second);
        states.remember(third);

        assertThat(states.consume("hash-2")).contains(second);

        assertThat(states.consume("hash-3")).contains(third);
        assertThat(states.consume("hash-1")).contains(first);
        assertThat(states.consume("hash-2")).isEmpty();
    }

    @Test
    void given_a_remembered_hash_then_remembering_it_again_is_refused_and_the_first_is_kept() {
        AuthorizationState first = state("hash-1", T0);
        states.remember(first);

        assertThatThrownBy(() -> states.remember(state("hash-1", T0.plusSeconds(5))))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(states.consume("hash-1")).contains(first);
    }

    @Test
    void given_16_concurrent_consumes_of_one_state_then_exactly_one_gets_it() throws Exception {
        AuthorizationState state = state("raced", T0);
        states.remember(state);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<AuthorizationState>>> outcomes = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                outcomes.add(pool.submit((Callable<Optional<AuthorizationState>>) () -> {
                    start.await();
                    return states.consume("raced");
                }));
            }
            start.countDown();
            List<AuthorizationState> winners = new ArrayList<>();
            for (Future<Optional<AuthorizationState>> outcome : outcomes) {
                outcome.get().ifPresent(winners::add);
            }

            assertThat(winners).containsExactly(state);
            assertThat(mongo.getCollection(MongoAuthorizationStates.COLLECTION).countDocuments())
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void given_indexes_ensured_twice_then_the_expiry_is_indexed_once() {
        states.ensureIndexes();

        assertThat(indexKeys(mongo, MongoAuthorizationStates.COLLECTION))
                .containsExactlyInAnyOrder(keys("_id"), keys("expiresAt"));
    }

    @Test
    void theCodeVerifierIsStoredOnlySealedAndComesBackWithItsState() {
        AuthorizationState state = state("hash-1", T0);
        states.remember(state);
        Document stored =
                mongo.getCollection(MongoAuthorizationStates.COLLECTION).find().first();

        assertThat(stored.get(MongoAuthorizationStates.CODE_VERIFIER, Document.class))
                .containsOnlyKeys("keyId", "ciphertext")
                .containsEntry("ciphertext", "sealed-verifier-of-hash-1");
        assertThat(states.consume("hash-1")).contains(state);
    }

    @Test
    void aStateStoredWithoutACodeVerifierComesBackWithoutOne() {
        mongo.getCollection(MongoAuthorizationStates.COLLECTION)
                .insertOne(new Document("_id", "old")
                        .append("integrationId", newId().value())
                        .append("companyId", "acme")
                        .append("user", "alice")
                        .append("expiresAt", java.util.Date.from(T0))
                        .append("browserBindingHash", "b"));

        assertThat(states.consume("old").orElseThrow().codeVerifier()).isEmpty();
    }

    private static AuthorizationState state(String hash, Instant expiresAt) {
        return new AuthorizationState(
                hash,
                newId(),
                ACME,
                "alice",
                expiresAt,
                "browser-hash-of-" + hash,
                Optional.of(new SealedSecret("key-1", "sealed-verifier-of-" + hash, null)));
    }
}
