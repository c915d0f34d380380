package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets registration refuse a provider URL that could never be called, with the same guard that every
 * call passes later: what is wrong is said while the administrator is still typing, and what only the
 * network can tell (where a name points) is judged again on each call.
 */
public final class GuardedOutboundUrls implements ForJudgingOutboundUrls {

    private final OutboundGuard guard;

    public GuardedOutboundUrls(OutboundGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public Optional<String> refusal(URI url) {
        Objects.requireNonNull(url, "url");
        try {
            guard.judge(url);
            return Optional.empty();
        } catch (OutboundRefused refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
