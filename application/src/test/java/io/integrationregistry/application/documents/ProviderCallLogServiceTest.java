package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.Health;
import io.integrationregistry.application.documents.port.in.ProviderCallHealth;
import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.application.documents.port.out.ForQueryingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.application.integrations.port.in.IntegrationPage;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.RecordedEvent;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.InvalidValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The call log is read only for the company's own integrations, in bounded pages, by known outcomes. */
class ProviderCallLogServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-01T10:00:00Z");
    private static final CompanyId ACME = new CompanyId("acme");
    private static final CompanyId GLOBEX = new CompanyId("globex");
    private static final IntegrationId OWN = IntegrationId.of(UUID.randomUUID());

    private final List<String> reads = new ArrayList<>();
    private final Map<IntegrationId, ProviderCallSummary> summaries = new java.util.HashMap<>();
    private final ProviderCallLogService service =
            new ProviderCallLogService(new RecordingLog(), new OneIntegration(), new MutableClock(NOW));

    @Test
    void anotherCompanysIntegrationHasNoLogAndItIsNotRead() {
        assertThat(service.calls(GLOBEX, OWN, Optional.empty(), Optional.empty(), 50))
                .isEmpty();
        assertThat(service.calls(ACME, IntegrationId.of(UUID.randomUUID()), Optional.empty(), Optional.empty(), 50))
                .isEmpty();
        assertThat(reads).isEmpty();

        assertThat(service.calls(ACME, OWN, Optional.of("timeout"), Optional.of("c"), 200))
                .isPresent();
        assertThat(reads).containsExactly("page TIMEOUT c 200");
    }

    @Test
    void aPageHoldsOneToTwoHundredCalls() {
        for (int size : List.of(0, 201, -1)) {
            assertThatThrownBy(() -> service.calls(ACME, OWN, Optional.empty(), Optional.empty(), size))
                    .isInstanceOfSatisfying(
                            InvalidValue.class,
                            invalid -> assertThat(invalid.field()).isEqualTo("size"));
        }
        assertThat(service.calls(ACME, OWN, Optional.empty(), Optional.empty(), 1))
                .isPresent();
    }

    @Test
    void anUnknownOutcomeIsRefusedNamingTheOutcome() {
        assertThatThrownBy(() -> service.calls(ACME, OWN, Optional.of("PROVIDER_ERROR"), Optional.empty(), 50))
                .isInstanceOfSatisfying(InvalidValue.class, invalid -> {
                    assertThat(invalid.field()).isEqualTo("outcome");
                    assertThat(invalid.rule()).contains("provider-error");
                });
    }

    @Test
    void healthIsReadOnceForAllTheIntegrationsAndUnknownWithoutCalls() {
        IntegrationId never = IntegrationId.of(UUID.randomUUID());
        IntegrationId foreign = IntegrationId.of(UUID.randomUUID());
        ProviderCallSummary.LastCall last =
                new ProviderCallSummary.LastCall(NOW.minusSeconds(3), ProviderCallOutcome.TIMEOUT, 0);
        summaries.put(
                OWN,
                new ProviderCallSummary(
                        ACME, last, List.of(new ProviderCallSummary.RecentCall(NOW.minusSeconds(3), true))));
        summaries.put(foreign, new ProviderCallSummary(GLOBEX, last, List.of()));

        Map<IntegrationId, ProviderCallHealth> health = service.health(ACME, List.of(OWN, never, foreign));

        assertThat(reads).containsExactly("summaries 3");
        assertThat(health.get(OWN)).isEqualTo(new ProviderCallHealth(Optional.of(last), Health.DEGRADED));
        assertThat(health.get(never)).isEqualTo(ProviderCallHealth.NEVER_CALLED);
        assertThat(health.get(foreign)).isEqualTo(ProviderCallHealth.NEVER_CALLED);
        assertThat(service.health(ACME, List.of())).isEmpty();
        assertThat(reads).hasSize(1);
    }

    private final class RecordingLog implements ForQueryingProviderCalls {

        @Override
        public ProviderCallPage page(
                IntegrationId integration, Optional<ProviderCallOutcome> outcome, Optional<String> cursor, int size) {
            reads.add("page " + outcome.map(Enum::name).orElse("-") + " " + cursor.orElse("-") + " " + size);
            return new ProviderCallPage(List.of(), Optional.empty());
        }

        @Override
        public Map<IntegrationId, ProviderCallSummary> summaries(Collection<IntegrationId> integrations) {
            reads.add("summaries " + integrations.size());
            return summaries;
        }
    }

    /** The list read model holding one integration, acme's. */
    private static final class OneIntegration implements ForListingIntegrations {

        @Override
        public IntegrationPage page(CompanyId company, IntegrationQuery query) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<IntegrationView> find(CompanyId company, IntegrationId id) {
            return company.equals(ACME) && id.equals(OWN)
                    ? Optional.of(new IntegrationView(
                            OWN.value(),
                            "acme",
                            "Docs",
                            "https://docs.example",
                            "",
                            IntegrationStatus.ACTIVE,
                            1,
                            NOW,
                            NOW,
                            "alice",
                            null))
                    : Optional.empty();
        }

        @Override
        public boolean awaitVersion(IntegrationId id, long version, Duration timeout) {
            return true;
        }

        @Override
        public void catchUp(IntegrationId id, List<RecordedEvent> history) {}
    }
}
