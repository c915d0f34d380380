package io.integrationregistry.application.documents.port.in;

import io.integrationregistry.application.documents.port.out.ProviderCallSummary.LastCall;

import java.util.Objects;
import java.util.Optional;

/** An integration's last provider call, if it had any, and its health judged from its recent calls. */
public record ProviderCallHealth(Optional<LastCall> lastCall, Health health) {

    public static final ProviderCallHealth NEVER_CALLED = new ProviderCallHealth(Optional.empty(), Health.UNKNOWN);

    public ProviderCallHealth {
        lastCall = lastCall == null ? Optional.empty() : lastCall;
        Objects.requireNonNull(health, "health");
    }
}
