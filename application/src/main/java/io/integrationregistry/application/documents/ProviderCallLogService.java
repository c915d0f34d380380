package io.integrationregistry.application.documents;

import io.integrationregistry.application.documents.port.in.ForReadingProviderCalls;
import io.integrationregistry.application.documents.port.in.ProviderCallHealth;
import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.application.documents.port.out.ForQueryingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallSummary;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The provider-call log of a company's integrations and their health. An integration of another company
 * does not exist for the caller: its log is never read.
 */
public final class ProviderCallLogService implements ForReadingProviderCalls {

    private static final String LABELS = String.join(
            ", ",
            Arrays.stream(ProviderCallOutcome.values())
                    .map(ProviderCallOutcome::label)
                    .toList());

    private final ForQueryingProviderCalls log;
    private final ForListingIntegrations integrations;
    private final IntegrationHealth health;

    public ProviderCallLogService(ForQueryingProviderCalls log, ForListingIntegrations integrations, Clock clock) {
        this.log = log;
        this.integrations = integrations;
        this.health = new IntegrationHealth(clock);
    }

    @Override
    public Optional<ProviderCallPage> calls(
            CompanyId company, IntegrationId integration, Optional<String> outcome, Optional<String> cursor, int size) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValue("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Optional<ProviderCallOutcome> wanted = outcome.map(ProviderCallLogService::outcome);
        if (integrations.find(company, integration).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(log.page(integration, wanted, cursor, size));
    }

    @Override
    public Map<IntegrationId, ProviderCallHealth> health(CompanyId company, Collection<IntegrationId> integrations) {
        Map<IntegrationId, ProviderCallHealth> health = new LinkedHashMap<>();
        if (integrations.isEmpty()) {
            return health;
        }
        Map<IntegrationId, ProviderCallSummary> summaries = log.summaries(integrations);
        for (IntegrationId id : integrations) {
            ProviderCallSummary summary = summaries.get(id);
            health.put(
                    id,
                    summary == null || !summary.company().equals(company)
                            ? ProviderCallHealth.NEVER_CALLED
                            : new ProviderCallHealth(
                                    Optional.of(summary.lastCall()), this.health.of(summary.recent())));
        }
        return health;
    }

    private static ProviderCallOutcome outcome(String label) {
        ProviderCallOutcome outcome = ProviderCallOutcome.ofLabel(label);
        if (outcome == null) {
            throw new InvalidValue("outcome", "must be one of " + LABELS);
        }
        return outcome;
    }
}
