package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;

import java.time.Instant;
import java.util.Objects;

/**
 * One call the service made to an integration's provider for a user: what was called, how it ended and
 * how long it took. It names the endpoint only, never the URL, its query, a document's content or a
 * credential; the provider's message is the cleaned one of its failure.
 *
 * @param at              when the call started
 * @param user            the login of the user it was made for
 * @param endpoint        the API's endpoint name, such as {@code files} or {@code download}
 * @param providerStatus  the provider's HTTP status, or 0 when it gave none
 * @param durationMillis  from the start of the call to its end; a download's includes its bytes
 * @param bytes           the bytes of the answer's body read (a download's) or of the body sent (an
 *                        upload's), or -1 when not known
 * @param requestId       the id of the request that caused the call
 * @param providerMessage the provider's cleaned explanation of a failure, or null
 */
public record ProviderCallRecord(
        IntegrationId integration,
        CompanyId company,
        Instant at,
        String user,
        String endpoint,
        int providerStatus,
        ProviderCallOutcome outcome,
        long durationMillis,
        long bytes,
        String requestId,
        String providerMessage) {

    public ProviderCallRecord {
        Objects.requireNonNull(integration, "integration");
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** The provider's status class ({@code 2xx}, {@code 4xx}, {@code 5xx}, …), or {@code none}. */
    public String statusClass() {
        return providerStatus >= 100 && providerStatus < 600 ? (providerStatus / 100) + "xx" : "none";
    }
}
