package io.integrationregistry.bootstrap.reliability;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A property-based fuzzer over real HTTP: the whole service on its embedded default gets
 * thousands of generated requests on every endpoint of its handler mapping (over forty times as many with
 * {@code -Dreliability.soak=true}), mostly as an administrator: random JSON, valid bodies with one field
 * broken, odd headers, parameters and methods, invalid bytes and broken framing over a raw socket. Every
 * answer is below 500; every 4xx with a body is an {@code application/problem+json} problem detail with
 * type, title and its own status, and no Java internals; every request stores exactly the events its
 * 2xx answer accounts for, and the read models end up holding only what those answers made.
 *
 * <p>A wrong answer fails the property, which shrinks it to one request. With
 * {@code -Dreliability.collect=true} the run goes on instead, prints each kind of wrong answer once as
 * {@code RELIABILITY fault:} and fails at the end, so that one run lists every fault.
 */
class HttpFuzzTest {

    private static final boolean SOAK = Boolean.getBoolean("reliability.soak");
    private static final int MINIMUM_REQUESTS = SOAK ? 100_000 : 1_000;
    // 540 batches of 1 to MAX_BATCH requests each: about 2,400 by default, 108,000 in a soak
    private static final int MAX_BATCH = SOAK ? 400 : 8;

    private static FuzzService service;
    private static FuzzLedger ledger;
    private static Map<String, Long> before;

    @BeforeContainer
    static void startTheService() {
        service = FuzzService.start();
        ledger = new FuzzLedger(service);
        ledger.seed();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Map<String, Long> counts = service.counts();
            return counts.getOrDefault("integration_list", 0L) == 3
                    && counts.getOrDefault("audit_trail", 0L).equals(counts.get(FuzzService.EVENTS));
        });
        before = service.counts();
        System.out.println("RELIABILITY fuzz store before: " + before);
    }

    @AfterContainer
    static void checkTheStoreAndStop() {
        try {
            System.out.println(ledger.figures(service.endpoints().size()));
            System.out.println("RELIABILITY fuzz store after: " + service.counts());
            if (Boolean.getBoolean("reliability.collect")) {
                assertThat(ledger.faults())
                        .as("wrong answers (each printed above as RELIABILITY fault)")
                        .isZero();
            }
            if (ledger.faults() == 0) {
                // a run cut short by a counterexample has its own failure
                assertThat(ledger.sent()).as("requests sent").isGreaterThanOrEqualTo(MINIMUM_REQUESTS);
                List<String> unreached = new ArrayList<>();
                service.endpoints().forEach(endpoint -> {
                    if (!ledger.byEndpoint().containsKey(endpoint.name())) {
                        unreached.add(endpoint.name());
                    }
                });
                assertThat(unreached).as("endpoints that got no request").isEmpty();
                // sign-in throttling is off here: a 429 would be a request that never reached its endpoint
                assertThat(ledger.answeredWith(429)).as("answers 429").isZero();
            }
            assertThat(ledger.eventsStored()).as("events stored").isEqualTo(ledger.eventsAccounted());
            long events = delta(service.counts(), FuzzService.EVENTS);
            assertThat(events).as("events in the store").isEqualTo(ledger.eventsAccounted());
            // the read models are rebuilt by replays and fed asynchronously: they catch up with the events
            await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
                Map<String, Long> after = service.counts();
                assertThat(delta(after, "audit_trail"))
                        .as("audit trail entries")
                        .isEqualTo(events);
                assertThat(delta(after, "integration_list"))
                        .as("listed integrations")
                        .isEqualTo(ledger.integrationsCreated());
            });
            Map<String, Long> after = service.counts();
            assertThat(delta(after, "integration_names"))
                    .as("reserved names")
                    .isBetween(ledger.integrationsCreated(), ledger.integrationsCreated() + ledger.successfulEdits());
            assertThat(delta(after, "idempotency_keys"))
                    .as("remembered idempotency keys")
                    .isEqualTo(ledger.idempotencyKeys().size());
            assertThat(delta(after, "oauth2_states")).as("OAuth2 states").isBetween(0L, ledger.authorizations());
            assertThat(delta(after, "oauth2_connections"))
                    .as("OAuth2 connections")
                    .isZero();
        } finally {
            service.close();
        }
    }

    @Property(tries = 540, edgeCases = EdgeCasesMode.NONE, shrinking = ShrinkingMode.BOUNDED)
    void every_answer_is_below_500_each_4xx_a_problem_and_only_2xx_writes_store_events(
            @ForAll("requests") List<FuzzRequest> requests) {
        ledger.exchange(requests);
    }

    @Provide
    Arbitrary<List<FuzzRequest>> requests() {
        return new FuzzRequests(service.endpoints(), new FuzzBodies(service.providerUrl()))
                .requests()
                .list()
                .ofMinSize(1)
                .ofMaxSize(MAX_BATCH)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    private static long delta(Map<String, Long> after, String collection) {
        return after.getOrDefault(collection, 0L) - before.getOrDefault(collection, 0L);
    }
}
