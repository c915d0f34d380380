package io.integrationregistry.application.documents.port.in;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** What administrators and auditors read of the calls made to their integrations' providers. */
public interface ForReadingProviderCalls {

    /** The default number of calls of a page. */
    int DEFAULT_PAGE_SIZE = 50;
    /** The most calls a page holds. */
    int MAX_PAGE_SIZE = 200;

    /**
     * One page of the integration's calls, newest first, only those of {@code outcome} (a label such as
     * {@code provider-error}) when it is given; empty when the company has no such integration.
     *
     * @throws io.integrationregistry.domain.InvalidValue naming {@code size}, {@code outcome} or {@code cursor}
     */
    Optional<ProviderCallPage> calls(
            CompanyId company, IntegrationId integration, Optional<String> outcome, Optional<String> cursor, int size);

    /**
     * The last call and health of each of the integrations, in one read; an integration never called (or
     * not the company's) is {@link ProviderCallHealth#NEVER_CALLED}. The integrations are those the caller
     * was already shown as the company's.
     */
    Map<IntegrationId, ProviderCallHealth> health(CompanyId company, Collection<IntegrationId> integrations);
}
