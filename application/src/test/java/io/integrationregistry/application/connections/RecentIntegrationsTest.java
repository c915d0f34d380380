package io.integrationregistry.application.connections;

import io.integrationregistry.application.integrations.IntegrationService;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.out.CommandOutcome;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.integrations.port.out.StoredIntegration;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.IntegrationServices;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationCommand;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.SealedSecret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** What provider calls keep of an integration, and when they ask the event store again. */
class RecentIntegrationsTest {

    private static final Caller ADMIN = new Caller(new Actor("alice"), new CompanyId("acme"));
    private static final Duration VALID = Duration.ofMillis(750);

    private final InMemoryIntegrationStore events = new InMemoryIntegrationStore();
    private final CountingStore store = new CountingStore(events);
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final RecentIntegrations recent = new RecentIntegrations(store, 100, Duration.ofSeconds(60), nanos::get);
    private IntegrationService management;
    private IntegrationId id;

    @BeforeEach
    void anApiKeyIntegration() {
        management = IntegrationServices.of(
                events,
                new CannedIntegrationList(),
                sealer,
                new RandomIdentifiers(),
                new InMemoryNameReservations(),
                new InMemoryIdempotencyKeys(),
                new MutableClock(Instant.parse("2025-03-01T09:00:00Z")),
                RegistrySettings.defaults(),
                url -> Optional.empty(),
                new InMemoryConnections());
        id = management
                .add(ADMIN, draft("api-key-one-0123456789"), true, Optional.empty())
                .integrationId();
    }

    @Test
    void whileChangesAreFollowedAKeptIntegrationAndItsOpenedKeyServeWithoutAnyRead() {
        recent.caughtUp(VALID);
        StoredIntegration first = recent.current(id).orElseThrow();
        String key = openedKey(first);
        int readsBefore = store.reads.get();
        int opensBefore = opens.get();

        for (int call = 0; call < 10; call++) {
            assertThat(recent.current(id)).contains(first);
            assertThat(openedKey(recent.current(id).orElseThrow())).isEqualTo(key);
        }

        assertThat(store.reads.get()).isEqualTo(readsBefore);
        assertThat(opens.get()).isEqualTo(opensBefore);
    }

    @Test
    void aChangeNoticeDropsTheKeptIntegrationAndItsOpenedKey() {
        recent.caughtUp(VALID);
        openedKey(recent.current(id).orElseThrow());

        management.edit(ADMIN, id, draft("api-key-two-0123456789"), ExpectedVersion.ANY);
        recent.forget(id);

        StoredIntegration now = recent.current(id).orElseThrow();
        assertThat(now.version()).isEqualTo(1);
        assertThat(openedKey(now)).isEqualTo("api-key-two-0123456789");
    }

    @Test
    void unlessChangesAreFollowedEveryCallAsksTheStoreForTheCurrentVersion() {
        recent.current(id);
        management.deactivate(ADMIN, id, ExpectedVersion.ANY);

        assertThat(recent.current(id).orElseThrow().integration().active()).isFalse();
    }

    @Test
    void onceTheFollowedChangesAreOlderThanTheirValidityTheStoreIsAskedAgain() {
        recent.caughtUp(VALID);
        recent.current(id);
        management.deactivate(ADMIN, id, ExpectedVersion.ANY);
        // The notice is lost: only the validity of the last read of the notices bounds how long it goes unseen.
        nanos.addAndGet(VALID.toNanos());

        assertThat(recent.current(id).orElseThrow().integration().active()).isFalse();
    }

    @Test
    void aLoadThatRacedAChangeNoticeIsNotKept() {
        recent.caughtUp(VALID);
        store.beforeLoad = () -> {
            management.deactivate(ADMIN, id, ExpectedVersion.ANY);
            recent.forget(id);
        };
        // This load may or may not see the deactivation; what it read must not be kept.
        recent.current(id);
        store.beforeLoad = () -> {};

        assertThat(recent.current(id).orElseThrow().integration().active()).isFalse();
    }

    @Test
    void atMostTheCapacityIsKeptAndTheIntegrationUsedLastStays() {
        RecentIntegrations small = new RecentIntegrations(store, 10, Duration.ofSeconds(60), nanos::get);
        small.caughtUp(Duration.ofHours(1));
        List<IntegrationId> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(management
                    .add(ADMIN, draft("api-key-" + i + "-0123456789", "Drive " + i), true, Optional.empty())
                    .integrationId());
        }
        small.current(id);
        for (IntegrationId other : ids) {
            nanos.incrementAndGet();
            small.current(id);
            small.current(other);
        }
        int readsBefore = store.reads.get();

        small.current(id);
        assertThat(store.reads.get())
                .as("the integration used all along is still kept")
                .isEqualTo(readsBefore);
        small.current(ids.get(0));
        assertThat(store.reads.get())
                .as("the one used least recently was dropped")
                .isGreaterThan(readsBefore);
    }

    private final AtomicInteger opens = new AtomicInteger();

    private String openedKey(StoredIntegration stored) {
        SealedSecret sealed = ((Authentication.ApiKey) stored.integration().authentication()).apiKey();
        return recent.openedKey(id, sealed, () -> {
                    opens.incrementAndGet();
                    return sealer.open(id, sealed);
                })
                .reveal();
    }

    private static IntegrationDraft draft(String apiKey) {
        return draft(apiKey, "Drive");
    }

    private static IntegrationDraft draft(String apiKey, String name) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl("https://dms.acme.example/api"),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", apiKey))));
    }

    /** Counts every read of the event store. */
    private static final class CountingStore implements ForStoringIntegrations {

        private final ForStoringIntegrations delegate;
        private final AtomicInteger reads = new AtomicInteger();
        private Runnable beforeLoad = () -> {};

        CountingStore(ForStoringIntegrations delegate) {
            this.delegate = delegate;
        }

        @Override
        public CommandOutcome execute(IntegrationCommand command, OptionalLong expectedVersion, Origin origin) {
            return delegate.execute(command, expectedVersion, origin);
        }

        @Override
        public Optional<StoredIntegration> load(IntegrationId id) {
            reads.incrementAndGet();
            Optional<StoredIntegration> loaded = delegate.load(id);
            beforeLoad.run();
            return loaded;
        }

        @Override
        public OptionalLong currentVersion(IntegrationId id) {
            reads.incrementAndGet();
            return delegate.currentVersion(id);
        }

        @Override
        public List<RecordedEvent> history(IntegrationId id) {
            reads.incrementAndGet();
            return delegate.history(id);
        }
    }
}
