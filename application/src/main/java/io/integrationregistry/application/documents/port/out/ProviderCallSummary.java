package io.integrationregistry.application.documents.port.out;

import io.integrationregistry.domain.CompanyId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the call log keeps of an integration's calls at a glance: the last call to end, and the last few
 * calls in the order they ended, each only as its start and whether it counts against health.
 *
 * @param company  the company of the integration
 * @param lastCall the last call to end
 * @param recent   up to the last 20 calls, oldest first
 */
public record ProviderCallSummary(CompanyId company, LastCall lastCall, List<RecentCall> recent) {

    public ProviderCallSummary {
        Objects.requireNonNull(company, "company");
        Objects.requireNonNull(lastCall, "lastCall");
        recent = List.copyOf(recent);
    }

    /**
     * @param at      when the call started
     * @param outcome how it ended
     * @param status  the provider's HTTP status, or 0 when it gave none
     */
    public record LastCall(Instant at, ProviderCallOutcome outcome, int status) {

        public LastCall {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** One of the last calls: when it started and whether it counts against the integration's health. */
    public record RecentCall(Instant at, boolean failed) {

        public RecentCall {
            Objects.requireNonNull(at, "at");
        }
    }
}
