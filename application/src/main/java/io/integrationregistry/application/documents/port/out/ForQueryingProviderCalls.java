package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.application.documents.port.in.ProviderCallPage;
import io.integrationregistry.domain.IntegrationId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The provider-call log as readers see it: only what is within its retention. */
public interface ForQueryingProviderCalls {

    /**
     * One page of the integration's calls, newest first; {@code cursor} is the {@code next} of the page
     * before. Pages are stable under concurrent writes: a call logged meanwhile never shifts or repeats
     * what the cursor already passed.
     *
     * @throws io.integrationregistry.domain.InvalidValue naming {@code cursor} when it is not one of this log
     */
    ProviderCallPage page(
            IntegrationId integration, Optional<ProviderCallOutcome> outcome, Optional<String> cursor, int size);

    /** The summaries of those of the integrations that have any, in one read. */
    Map<IntegrationId, ProviderCallSummary> summaries(Collection<IntegrationId> integrations);
}
