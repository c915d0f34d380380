package io.integrationregistry.adapters.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.integrationregistry.adapters.mongo.Fixtures.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The provider-call log: entries newest first per integration with a stable cursor, holding the call
 * record's fields only; a summary per integration; the retention and the maximum per integration; and a
 * writer that never blocks nor throws, dropping (and counting) what it cannot keep.
 */
abstract class ProviderCallLogContract {

    private static final CompanyId ACME = new CompanyId("acme");
    private static final Instant NOW = Instant.parse("2026-11-01T10:15:30.123Z");
    private static final Duration RETENTION = Duration.ofDays(7);

    private MongoTemplate mongo;
    private final MovableClock clock = new MovableClock(NOW);
    private MongoProviderCalls calls;
    private ProviderCallLogWriter writer;

    abstract MongoTemplate template();

    @BeforeEach
    void emptyLog() {
        mongo = template();
        mongo.dropCollection(MongoProviderCalls.ENTRIES);
        mongo.dropCollection(MongoProviderCalls.SUMMARIES);
        writer = writer(new ProviderCallLogSettings(100, Duration.ofHours(1), RETENTION, 10));
    }

    private final AtomicLong nanoTime = new AtomicLong();

    private ProviderCallLogWriter writer(ProviderCallLogSettings settings) {
        calls = new MongoProviderCalls(mongo, settings, clock, nanoTime::get);
        calls.ensureIndexes();
        return new ProviderCallLogWriter(calls, settings, clock);
    }

    @Test
    void anEntryHoldsTheCallsFieldsAndNothingElse() {
        IntegrationId id = newId();
        ProviderCallRecord failed = new ProviderCallRecord(
                id,
                ACME,
                NOW.minusSeconds(5),
                "dora",
                "files",
                500,
                ProviderCallOutcome.PROVIDER_ERROR,
                42,
                120,
                "req-1",
                "the provider broke");
        ProviderCallRecord succeeded = call(id, NOW.minusSeconds(1), ProviderCallOutcome.SUCCESS);
        writer.observed(failed);
        writer.observed(succeeded);

        assertThat(writer.flush()).isEqualTo(2);

        ProviderCallPage page = calls.page(id, Optional.empty(), Optional.empty(), 10);
        assertThat(page.items()).containsExactly(millis(succeeded), millis(failed));
        assertThat(page.next()).isEmpty();
        Document stored = mongo.getCollection(MongoProviderCalls.ENTRIES)
                .find(new Document("requestId", "req-1"))
                .first();
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "_id",
                        "integration",
                        "company",
                        "at",
                        "user",
                        "endpoint",
                        "providerStatus",
                        "outcome",
                        "durationMillis",
                        "bytes",
                        "requestId",
                        "providerMessage");
        assertThat(stored.getString("outcome")).isEqualTo("provider-error");
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutRepeatsOrGapsEvenAtTheSameInstant() {
        IntegrationId id = newId();
        List<ProviderCallRecord> observed = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            // Two calls started at the very same millisecond: the entries' ids keep them apart.
            observed.add(call(id, NOW.minusSeconds(n < 2 ? 10 : 10 - n), ProviderCallOutcome.SUCCESS, "req-" + n));
        }
        observed.forEach(writer::observed);
        writer.observed(call(newId(), NOW, ProviderCallOutcome.SUCCESS));
        writer.flush();

        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ProviderCallPage page = calls.page(id, Optional.empty(), cursor, 2);
            sizes.add(page.items().size());
            page.items().forEach(item -> seen.add(item.requestId()));
            cursor = page.next();
        } while (cursor.isPresent());

        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen).containsExactly("req-4", "req-3", "req-2", "req-1", "req-0");
    }

    @Test
    void theOutcomeFilterKeepsThatOutcomeOnly() {
        IntegrationId id = newId();
        writer.observed(call(id, NOW.minusSeconds(3), ProviderCallOutcome.SUCCESS));
        writer.observed(call(id, NOW.minusSeconds(2), ProviderCallOutcome.TIMEOUT));
        writer.observed(call(id, NOW.minusSeconds(1), ProviderCallOutcome.SUCCESS));
        writer.flush();

        assertThat(calls.page(id, Optional.of(ProviderCallOutcome.TIMEOUT), Optional.empty(), 10)
                        .items())
                .extracting(ProviderCallRecord::outcome)
                .containsExactly(ProviderCallOutcome.TIMEOUT);
        assertThat(calls.page(id, Optional.of(ProviderCallOutcome.SUCCESS), Optional.empty(), 10)
                        .items())
                .hasSize(2);
    }

    @Test
    void aCursorThatIsNoneOfThisLogIsRefusedNamingTheCursor() {
        for (String broken : List.of("nonsense!", "MTIz", "YWJjOmRlZg")) {
            assertThatThrownBy(() -> calls.page(newId(), Optional.empty(), Optional.of(broken), 10))
                    .as(broken)
                    .isInstanceOfSatisfying(
                            InvalidValue.class,
                            invalid -> assertThat(invalid.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void entriesOlderThanTheRetentionAreNotReadAndAreDeleted() {
        IntegrationId id = newId();
        writer.observed(call(id, NOW.minus(RETENTION).minusSeconds(1), ProviderCallOutcome.SUCCESS, "old"));
        writer.observed(call(id, NOW.minus(RETENTION).plusSeconds(1), ProviderCallOutcome.SUCCESS, "kept"));
        writer.flush();

        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 10).items())
                .extracting(ProviderCallRecord::requestId)
                .containsExactly("kept");
        assertThat(calls.deleteExpired()).isEqualTo(1);
        assertThat(mongo.getCollection(MongoProviderCalls.ENTRIES).countDocuments())
                .isEqualTo(1);
    }

    @Test
    void theEntriesExpireAfterTheRetentionByATtlIndexOnTheirStart() {
        assertThat(ttlSeconds()).isEqualTo(RETENTION.toSeconds());
        assertThat(Fixtures.indexKeys(mongo, MongoProviderCalls.ENTRIES))
                .contains(new Document("integration", 1).append("at", -1).append("_id", -1));
    }

    @Test
    void anotherRetentionChangesTheTtlOfTheExistingIndex() {
        Duration shorter = Duration.ofDays(2);

        new MongoProviderCalls(mongo, new ProviderCallLogSettings(100, Duration.ofHours(1), shorter, 10), clock)
                .ensureIndexes();

        assertThat(ttlSeconds()).isEqualTo(shorter.toSeconds());
    }

    @Test
    void eachIntegrationKeepsItsNewestEntriesUpToItsMaximumTrimmedInBatches() {
        IntegrationId id = newId();
        IntegrationId other = newId();
        for (int n = 0; n < 11; n++) {
            writer.observed(call(id, NOW.minusSeconds(100 - n), ProviderCallOutcome.SUCCESS, "req-" + n));
        }
        writer.observed(call(other, NOW, ProviderCallOutcome.SUCCESS));
        writer.flush();
        // Within the slack of a tenth of the maximum (10): nothing trimmed yet.
        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 100).items())
                .hasSize(11);

        writer.observed(call(id, NOW.minusSeconds(50), ProviderCallOutcome.SUCCESS, "req-11"));
        writer.flush();

        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 100).items())
                .extracting(ProviderCallRecord::requestId)
                .containsExactly(
                        "req-11", "req-10", "req-9", "req-8", "req-7", "req-6", "req-5", "req-4", "req-3", "req-2");
        assertThat(calls.page(other, Optional.empty(), Optional.empty(), 100).items())
                .hasSize(1);
    }

    @Test
    void theSummaryHoldsTheLastCallAndTheLastTwentyCallsInTheOrderTheyEnded() {
        IntegrationId id = newId();
        IntegrationId other = newId();
        for (int n = 0; n < 15; n++) {
            writer.observed(call(id, NOW.minusSeconds(100 - n), ProviderCallOutcome.SUCCESS));
        }
        writer.observed(call(other, NOW.minusSeconds(7), ProviderCallOutcome.NOT_FOUND));
        writer.flush();
        for (int n = 15; n < 24; n++) {
            writer.observed(call(id, NOW.minusSeconds(100 - n), ProviderCallOutcome.TIMEOUT));
        }
        ProviderCallRecord last = new ProviderCallRecord(
                id,
                ACME,
                NOW.minusSeconds(1),
                "dora",
                "download",
                503,
                ProviderCallOutcome.PROVIDER_ERROR,
                9,
                -1,
                "req-last",
                null);
        writer.observed(last);
        writer.flush();

        var summaries = calls.summaries(List.of(id, other, newId()));

        assertThat(summaries).containsOnlyKeys(id, other);
        ProviderCallSummary summary = summaries.get(id);
        assertThat(summary.company()).isEqualTo(ACME);
        assertThat(summary.lastCall())
                .isEqualTo(
                        new ProviderCallSummary.LastCall(millis(last.at()), ProviderCallOutcome.PROVIDER_ERROR, 503));
        assertThat(summary.recent()).hasSize(20);
        assertThat(summary.recent().get(0).at()).isEqualTo(millis(NOW.minusSeconds(95)));
        assertThat(summary.recent().subList(0, 10)).noneMatch(ProviderCallSummary.RecentCall::failed);
        assertThat(summary.recent().subList(10, 20)).allMatch(ProviderCallSummary.RecentCall::failed);
        assertThat(summaries.get(other).lastCall().outcome()).isEqualTo(ProviderCallOutcome.NOT_FOUND);
        assertThat(summaries.get(other).recent()).hasSize(1).noneMatch(ProviderCallSummary.RecentCall::failed);
    }

    @Test
    void aSummaryReadLatelyIsNotReadAgainUntilItIsNoLongerFreshAndThisInstancesWritesShowAtOnce() {
        IntegrationId id = newId();
        IntegrationId never = newId();
        writer.observed(call(id, NOW.minusSeconds(30), ProviderCallOutcome.SUCCESS));
        writer.flush();
        assertThat(calls.summaries(List.of(id, never))).containsOnlyKeys(id);

        // Another instance writes both summaries: within the freshness, what was read still serves.
        MongoProviderCalls otherInstance = new MongoProviderCalls(
                mongo, new ProviderCallLogSettings(100, Duration.ofHours(1), RETENTION, 10), clock);
        otherInstance.write(List.of(
                call(id, NOW.minusSeconds(20), ProviderCallOutcome.TIMEOUT),
                call(never, NOW.minusSeconds(20), ProviderCallOutcome.SUCCESS)));
        nanoTime.addAndGet(KeptSummaries.FRESH_FOR.toNanos() - 1);
        var kept = calls.summaries(List.of(id, never));
        assertThat(kept).containsOnlyKeys(id);
        assertThat(kept.get(id).lastCall().outcome()).isEqualTo(ProviderCallOutcome.SUCCESS);

        nanoTime.addAndGet(1);
        var readAgain = calls.summaries(List.of(id, never));
        assertThat(readAgain).containsOnlyKeys(id, never);
        assertThat(readAgain.get(id).lastCall().outcome()).isEqualTo(ProviderCallOutcome.TIMEOUT);

        // This instance's own write is seen at once.
        writer.observed(call(id, NOW.minusSeconds(10), ProviderCallOutcome.UNREACHABLE));
        writer.flush();
        assertThat(calls.summaries(List.of(id)).get(id).lastCall().outcome())
                .isEqualTo(ProviderCallOutcome.UNREACHABLE);
    }

    @Test
    void aFullQueueDropsTheCallAndCountsItWithoutWaiting() {
        ProviderCallLogWriter tiny = writer(new ProviderCallLogSettings(3, Duration.ofHours(1), RETENTION, 10));
        IntegrationId id = newId();

        long started = System.nanoTime();
        for (int n = 0; n < 5; n++) {
            tiny.observed(call(id, NOW.minusSeconds(n), ProviderCallOutcome.SUCCESS));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(tiny.dropped()).isEqualTo(2);
        assertThat(tiny.waiting()).isEqualTo(3);
        assertThat(tiny.flush()).isEqualTo(3);
        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 10).items())
                .hasSize(3);
    }

    @Test
    void aWriteThatFailsLosesItsBatchCountsItAndThrowsNothing() {
        try (MongoClient away =
                MongoClients.create("mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=200&connectTimeoutMS=200")) {
            ProviderCallLogSettings settings = new ProviderCallLogSettings(100, Duration.ofHours(1), RETENTION, 10);
            ProviderCallLogWriter unreachable = new ProviderCallLogWriter(
                    new MongoProviderCalls(new MongoTemplate(away, "contract"), settings, clock), settings, clock);
            unreachable.observed(call(newId(), NOW, ProviderCallOutcome.SUCCESS));
            unreachable.observed(call(newId(), NOW, ProviderCallOutcome.SUCCESS));

            assertThat(unreachable.flush()).isZero();
            assertThat(unreachable.dropped()).isEqualTo(2);
            assertThat(unreachable.waiting()).isZero();
        }
    }

    @Test
    void theWriterWritesACallAtOnceThenRestsForItsIntervalAndClosingWritesWhatStillWaits() {
        IntegrationId id = newId();
        ProviderCallLogWriter resting = writer(new ProviderCallLogSettings(100, Duration.ofHours(1), RETENTION, 10));
        resting.start();

        resting.observed(call(id, NOW.minusSeconds(2), ProviderCallOutcome.SUCCESS, "first"));
        awaitLogged(id, 1);
        resting.observed(call(id, NOW.minusSeconds(1), ProviderCallOutcome.SUCCESS, "second"));

        // Resting for an hour after its first write: the second call waits.
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> resting.waiting() == 1);
        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 10).items())
                .hasSize(1);
        resting.close();
        assertThat(resting.waiting()).isZero();
        assertThat(calls.page(id, Optional.empty(), Optional.empty(), 10).items())
                .extracting(ProviderCallRecord::requestId)
                .containsExactly("second", "first");
    }

    @Test
    void aWriterWithAShortIntervalWritesEachCallSoon() {
        IntegrationId id = newId();
        ProviderCallLogWriter quick = writer(new ProviderCallLogSettings(100, Duration.ofMillis(20), RETENTION, 10));
        quick.start();
        try {
            for (int n = 0; n < 3; n++) {
                quick.observed(call(id, NOW.minusSeconds(10 - n), ProviderCallOutcome.SUCCESS));
                awaitLogged(id, n + 1);
            }
        } finally {
            quick.close();
        }
    }

    private void awaitLogged(IntegrationId id, int count) {
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(calls.page(id, Optional.empty(), Optional.empty(), 10)
                                .items())
                        .hasSize(count));
    }

    /** The expiry of the TTL index on {@code at}, the only index of that key alone. */
    private long ttlSeconds() {
        List<Document> ttl = new ArrayList<>();
        for (Document index : mongo.getCollection(MongoProviderCalls.ENTRIES).listIndexes()) {
            if (index.get("key", Document.class).keySet().equals(java.util.Set.of("at"))) {
                ttl.add(index);
            }
        }
        assertThat(ttl).hasSize(1);
        return ((Number) ttl.get(0).get("expireAfterSeconds")).longValue();
    }

    private static ProviderCallRecord call(IntegrationId id, Instant at, ProviderCallOutcome outcome) {
        return call(id, at, outcome, "req-" + at.toEpochMilli());
    }

    private static ProviderCallRecord call(
            IntegrationId id, Instant at, ProviderCallOutcome outcome, String requestId) {
        return new ProviderCallRecord(id, ACME, at, "dora", "files", 200, outcome, 12, 345, requestId, null);
    }

    private static ProviderCallRecord millis(ProviderCallRecord call) {
        return new ProviderCallRecord(
                call.integration(),
                call.company(),
                millis(call.at()),
                call.user(),
                call.endpoint(),
                call.providerStatus(),
                call.outcome(),
                call.durationMillis(),
                call.bytes(),
                call.requestId(),
                call.providerMessage());
    }

    private static Instant millis(Instant instant) {
        return Fixtures.millis(instant);
    }

    /** A clock the test sets. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
