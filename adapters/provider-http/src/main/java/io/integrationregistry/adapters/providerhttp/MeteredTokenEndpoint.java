package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A token endpoint whose requests are timed by outcome: {@value #REFRESHES} (refresh tokens redeemed) and
 * {@value #EXCHANGES} (authorization codes exchanged), each tagged {@code outcome}: {@code success},
 * {@code invalid-grant} (the grant is gone: the user must connect again), {@code refused} (any other OAuth 2.0
 * error) or {@code failed} (no usable answer: unreachable, timed out, a 5xx, not a token response). Nothing of
 * the client, the integration or the grant is a tag.
 */
public final class MeteredTokenEndpoint implements ForObtainingTokens {

    public static final String REFRESHES = "registry.oauth2.token.refreshes";
    public static final String EXCHANGES = "registry.oauth2.token.exchanges";

    private final ForObtainingTokens endpoint;
    private final MeterRegistry registry;

    public MeteredTokenEndpoint(ForObtainingTokens endpoint, MeterRegistry registry) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public TokenGrant exchangeCode(TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
        return timed(EXCHANGES, () -> endpoint.exchangeCode(client, code, redirectUri, codeVerifier));
    }

    @Override
    public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
        return timed(REFRESHES, () -> endpoint.refresh(client, refreshToken));
    }

    private TokenGrant timed(String name, Supplier<TokenGrant> request) {
        long start = System.nanoTime();
        String outcome = "failed";
        try {
            TokenGrant grant = request.get();
            outcome = "success";
            return grant;
        } catch (TokenRefused refused) {
            outcome = refused.grantIsGone() ? "invalid-grant" : "refused";
            throw refused;
        } finally {
            Timer.builder(name)
                    .description("Requests to providers' token endpoints, by outcome")
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
