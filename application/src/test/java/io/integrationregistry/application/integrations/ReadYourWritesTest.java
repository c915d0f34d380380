package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdReservations;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A receipt whose wait for the list timed out is counted and catches the list up with the events. */
class ReadYourWritesTest {

    private static final Caller ALICE = new Caller(new Actor("alice"), new CompanyId("acme"));

    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final CannedIntegrationList neverCaughtUp = new CannedIntegrationList();
    private final RegistrySettings settings = RegistrySettings.defaults();
    private final ReadYourWrites readYourWrites =
            new ReadYourWrites(neverCaughtUp, store, settings.readYourWritesTimeout());
    private final IntegrationService service = new IntegrationService(
            store,
            neverCaughtUp,
            new ReversibleSecretSealer(),
            new RandomIdentifiers(),
            new InMemoryNameReservations(),
            new InMemoryIdempotencyKeys(),
            new MutableClock(Instant.parse("2025-03-01T09:00:00Z")),
            settings,
            new TransportPolicy(settings.plainHttp(), url -> Optional.empty()),
            readYourWrites,
            new InMemoryConnections(),
            new IdReservations(
                    new InMemoryIdReservations(),
                    new RandomIdentifiers(),
                    store,
                    Clock.systemUTC(),
                    Duration.ofHours(24),
                    100));

    @Test
    void anAppendSlowerThanTheLookBackIsCountedAndRepairedWhenTheReceiptTimesOut() {
        Receipt added = service.add(ALICE, draft(), true);
        Receipt deactivated = service.deactivate(ALICE, added.integrationId(), ExpectedVersion.of(0));

        assertThat(readYourWrites.timeouts()).isEqualTo(2);
        assertThat(neverCaughtUp.caughtUp).hasSize(2);
        assertThat(neverCaughtUp.caughtUp.get(1))
                .extracting(RecordedEvent::sequence)
                .containsExactly(0L, 1L);
        assertThat(deactivated.integration().version()).isEqualTo(1);
    }

    private static IntegrationDraft draft() {
        return new IntegrationDraft(
                new IntegrationName("Acme drive"),
                new BaseApiUrl("https://dms.acme.example/api"),
                RequestParameters.of("access_type=offline"),
                new ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", "ak_live_0123456789abcdef"))));
    }
}
