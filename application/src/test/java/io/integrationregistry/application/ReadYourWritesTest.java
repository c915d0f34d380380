package io.integrationregistry.application;

import io.integrationregistry.application.port.in.Caller;
import io.integrationregistry.application.port.in.ExpectedVersion;
import io.integrationregistry.application.port.in.IntegrationDraft;
import io.integrationregistry.application.port.in.Receipt;
import io.integrationregistry.application.port.out.HistoricEvent;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A receipt whose wait for the list timed out is counted and catches the list up with the events. */
class ReadYourWritesTest {

    private static final Caller ALICE = new Caller(new Actor("alice"), new CompanyId("acme"));

    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final CannedIntegrationList neverCaughtUp = new CannedIntegrationList();
    private final IntegrationService service = new IntegrationService(store, neverCaughtUp,
            new ReversibleSecretSealer(), new RandomIdentifiers(), new InMemoryNameReservations(),
            new InMemoryIdempotencyKeys(), new MutableClock(Instant.parse("2025-03-01T09:00:00Z")),
            RegistrySettings.defaults(), url -> Optional.empty(), new InMemoryConnections());

    @Test
    void anAppendSlowerThanTheLookBackIsCountedAndRepairedWhenTheReceiptTimesOut() {
        Receipt added = service.add(ALICE, draft(), true);
        Receipt deactivated = service.deactivate(ALICE, added.integrationId(), ExpectedVersion.of(0));

        assertThat(service.readYourWritesTimeouts()).isEqualTo(2);
        assertThat(neverCaughtUp.caughtUp).hasSize(2);
        assertThat(neverCaughtUp.caughtUp.get(1)).extracting(HistoricEvent::version).containsExactly(0L, 1L);
        assertThat(deactivated.integration().version()).isEqualTo(1);
    }

    private static IntegrationDraft draft() {
        return new IntegrationDraft(new IntegrationName("Acme drive"), new BaseApiUrl("https://dms.acme.example/api"),
                RequestParameters.of("access_type=offline"),
                new ApiKeySpec<>(Optional.of(PlainSecret.of("authentication.apiKey", "ak_live_0123456789abcdef"))));
    }
}
