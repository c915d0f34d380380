package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.connections.port.out.TokenRefused;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The meters of provider calls and token requests: their tags, and nothing else of the call. */
class ProviderMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void providerCallsAreTimedByIntegrationEndpointOutcomeAndStatusClassOnly() {
        ProviderCallMeters meters = new ProviderCallMeters(registry);
        IntegrationId integration = new IntegrationId("5b7f4d0e-3f5e-4b8e-9a40-0c2f7a1f2d11");

        meters.observed(call(integration, "files", 200, ProviderCallOutcome.SUCCESS, 120));
        meters.observed(call(integration, "files", 200, ProviderCallOutcome.SUCCESS, 80));
        meters.observed(call(integration, "download", 0, ProviderCallOutcome.TIMEOUT, 30_000));

        assertThat(registry.get(ProviderCallMeters.NAME)
                        .tags("integration", integration.value(), "endpoint", "files")
                        .tags("outcome", "success", "status", "2xx")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(ProviderCallMeters.NAME)
                        .tags("endpoint", "download", "outcome", "timeout", "status", "none")
                        .timer()
                        .totalTime(TimeUnit.SECONDS))
                .isEqualTo(30.0);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags())
                    .extracting(Tag::getKey)
                    .containsExactlyInAnyOrder("integration", "endpoint", "outcome", "status");
            assertThat(meter.getId().getTags())
                    .extracting(Tag::getValue)
                    .doesNotContain("acme", "dora", "req-1", "the provider's message");
        }
    }

    @Test
    void tokenRefreshesAreTimedByOutcome() {
        Deque<Supplier<TokenGrant>> answers = new ArrayDeque<>();
        MeteredTokenEndpoint endpoint = new MeteredTokenEndpoint(answering(answers), registry);
        answers.add(() ->
                new TokenGrant(PlainSecret.received("access_token", "a-token"), Optional.empty(), Optional.empty()));
        answers.add(() -> {
            throw new TokenRefused(TokenRefused.INVALID_GRANT, null);
        });
        answers.add(() -> {
            throw new TokenRefused("invalid_client", null);
        });
        answers.add(() -> {
            throw new ProviderFailure(ProviderFailure.Kind.UNREACHABLE, "the token endpoint is unreachable");
        });

        endpoint.refresh(null, PlainSecret.received("refresh_token", "r-token"));
        for (int refused = 0; refused < 3; refused++) {
            assertThatThrownBy(() -> endpoint.refresh(null, PlainSecret.received("refresh_token", "r-token")))
                    .isInstanceOf(RuntimeException.class);
        }

        for (String outcome : new String[] {"success", "invalid-grant", "refused", "failed"}) {
            assertThat(registry.get(MeteredTokenEndpoint.REFRESHES)
                            .tag("outcome", outcome)
                            .timer()
                            .count())
                    .as(outcome)
                    .isEqualTo(1);
        }
        assertThat(registry.find(MeteredTokenEndpoint.EXCHANGES).meters()).isEmpty();
    }

    private static ForObtainingTokens answering(Deque<Supplier<TokenGrant>> answers) {
        return new ForObtainingTokens() {
            @Override
            public TokenGrant exchangeCode(
                    TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
                return answers.remove().get();
            }

            @Override
            public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
                return answers.remove().get();
            }
        };
    }

    private static ProviderCallRecord call(
            IntegrationId integration, String endpoint, int status, ProviderCallOutcome outcome, long millis) {
        return new ProviderCallRecord(
                integration,
                new CompanyId("acme"),
                Instant.parse("2026-01-05T10:00:00Z"),
                "dora",
                endpoint,
                status,
                outcome,
                millis,
                -1,
                "req-1",
                outcome == ProviderCallOutcome.SUCCESS ? null : "the provider's message");
    }
}
