package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Every provider call, timed in {@value #NAME} (from its start to its end, a download's bytes included), tagged
 * {@code integration} (its id), {@code endpoint} (the API's endpoint name: {@code files}, {@code metadata},
 * ...), {@code outcome} ({@code success}, {@code provider-error}, {@code refused-credentials}, {@code timeout},
 * ...) and {@code status} (the provider's status class, {@code 2xx} ... {@code 5xx}, or {@code none}). Only
 * these: never the company, the user, the URL, a document or the provider's message. Recorded in memory, with
 * no read of anything.
 */
public final class ProviderCallMeters implements ForObservingProviderCalls {

    public static final String NAME = "registry.provider.calls";

    private final MeterRegistry registry;

    public ProviderCallMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void observed(ProviderCallRecord call) {
        Timer.builder(NAME)
                .description("Calls to the integrations' providers, by integration, endpoint, outcome and status")
                .tag("integration", call.integration().value())
                .tag("endpoint", call.endpoint())
                .tag("outcome", call.outcome().label())
                .tag("status", call.statusClass())
                .register(registry)
                .record(Math.max(0, call.durationMillis()), TimeUnit.MILLISECONDS);
    }
}
