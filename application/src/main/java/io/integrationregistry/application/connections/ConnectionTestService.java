package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.Integration;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.PlainSecret;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Tries a provider the way the product will use it, through a {@link ConnectionProbe}: {@code serviceInfo}
 * and, where there are credentials to try, the root folder's {@code files}, both with the credentials.
 * Each step says how long it took and what the provider said; a failed step skips the ones that depend on it. Secrets are used, never
 * echoed, and a stored one goes only to the origin it was saved for. Every test, a refused one too, is
 * recorded for the audit trail: who tested what, the origins called and the outcome.
 */
public final class ConnectionTestService implements ForTestingConnections {

    private static final String CONNECT_AFTER_SAVING = "connect your account after saving to test OAuth2 credentials";

    private final ForCallingProviders providers;
    private final ProviderAccessService access;
    private final ForSealingSecrets secrets;
    private final ForRecordingConnectionTests records;
    private final Clock clock;

    public ConnectionTestService(
            ForCallingProviders providers,
            ProviderAccessService access,
            ForSealingSecrets secrets,
            ForRecordingConnectionTests records,
            Clock clock) {
        this.providers = providers;
        this.access = access;
        this.secrets = secrets;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public ConnectionReport test(Caller caller, IntegrationId id, Optional<IntegrationDraft> typed) {
        Integration saved = access.integrationOf(caller.company(), id);
        Recorder recorder = new Recorder(caller, Optional.of(id), saved.name().value());
        if (typed.isEmpty()) {
            return recorder.run(ProviderEndpoint.of(saved), credentialsOfSaved(caller, saved));
        }
        IntegrationDraft draft = typed.get();
        ProviderEndpoint endpoint = new ProviderEndpoint(draft.baseApiUrl(), draft.requestParameters());
        boolean sameOrigin =
                saved.baseApiUrl().origin().equals(draft.baseApiUrl().origin());
        if (draft.authentication() instanceof AuthenticationSpec.ApiKeySpec<PlainSecret> apiKey) {
            if (apiKey.apiKey().isEmpty() && saved.authentication() instanceof Authentication.ApiKey && !sameOrigin) {
                // The stored key goes only to the origin it was saved for; to test another, type it again.
                IntegrationRuleViolation refused =
                        new IntegrationRuleViolation(Rule.SECRET_BOUND_TO_ORIGIN, "authentication.apiKey");
                recorder.refused("authentication.apiKey must be given again to send it to another origin");
                throw refused;
            }
            Optional<PlainSecret> key = apiKey.apiKey()
                    .or(() -> saved.authentication() instanceof Authentication.ApiKey stored
                            ? Optional.of(secrets.open(id, stored.apiKey()))
                            : Optional.empty());
            return recorder.run(endpoint, apiKeyCredentials(caller, key));
        }
        if (!(saved.authentication() instanceof Authentication.OAuth2)) {
            return recorder.run(endpoint, new Skipped(CONNECT_AFTER_SAVING));
        }
        if (!sameOrigin) {
            // A user's token cannot be typed again: it is not sent to an origin it was not obtained for.
            return recorder.run(
                    endpoint,
                    new Skipped("your connection's token was not sent: it goes only to "
                            + saved.baseApiUrl().origin() + ", where it was obtained; save the integration and connect "
                            + "again to test OAuth2 at " + draft.baseApiUrl().origin()));
        }
        return recorder.run(endpoint, credentialsOfSaved(caller, saved));
    }

    @Override
    public ConnectionReport test(Caller caller, IntegrationDraft typed) {
        Recorder recorder = new Recorder(caller, Optional.empty(), typed.name().value());
        ProviderEndpoint endpoint = new ProviderEndpoint(typed.baseApiUrl(), typed.requestParameters());
        if (typed.authentication() instanceof AuthenticationSpec.ApiKeySpec<PlainSecret> apiKey) {
            return recorder.run(endpoint, apiKeyCredentials(caller, apiKey.apiKey()));
        }
        return recorder.run(endpoint, new Skipped(CONNECT_AFTER_SAVING));
    }

    private Supplier<ProviderCredentialsOrSkip> apiKeyCredentials(Caller caller, Optional<PlainSecret> key) {
        return () -> key.<ProviderCredentialsOrSkip>map(secret -> new Use(
                        new ProviderCredentials.ApiKey(secret, caller.actor().login())))
                .orElse(new Skipped("no API key to test"));
    }

    private Supplier<ProviderCredentialsOrSkip> credentialsOfSaved(Caller caller, Integration saved) {
        return () -> {
            try {
                // The same path as the product's calls, token refresh included.
                return new Use(access.call(caller, saved, (endpoint, credentials) -> credentials, false));
            } catch (ConnectionRequired required) {
                return new Skipped(required.getMessage());
            }
        };
    }

    private ConnectionReport run(ProviderEndpoint endpoint, Supplier<ProviderCredentialsOrSkip> credentials) {
        ConnectionProbe probe = new ConnectionProbe(providers, endpoint);
        ProviderCredentialsOrSkip chosen = credentials.get();
        if (chosen instanceof Use use) {
            return probe.run(use.credentials(), null);
        }
        // Without credentials to try, the provider is still asked whether it is there.
        return probe.run(ProviderCredentials.NONE, ((Skipped) chosen).reason());
    }

    /** Runs one test and records it; the record names origins only, never a path, a query or a secret. */
    private final class Recorder {
        private final Caller caller;
        private final Optional<IntegrationId> integration;
        private final String name;

        Recorder(Caller caller, Optional<IntegrationId> integration, String name) {
            this.caller = caller;
            this.integration = integration;
            this.name = name;
        }

        ConnectionReport run(ProviderEndpoint endpoint, ProviderCredentialsOrSkip credentials) {
            return run(endpoint, () -> credentials);
        }

        ConnectionReport run(ProviderEndpoint endpoint, Supplier<ProviderCredentialsOrSkip> credentials) {
            ConnectionReport report = ConnectionTestService.this.run(endpoint, credentials);
            record(
                    List.of(endpoint.baseApiUrl().origin()),
                    report.ok() ? "PASSED" : "FAILED",
                    report.steps().stream()
                            .map(step ->
                                    step.name() + " " + step.outcome().name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", ")));
            return report;
        }

        void refused(String reason) {
            record(List.of(), "REFUSED", "not run: " + reason);
        }

        private void record(List<String> origins, String outcome, String summary) {
            try {
                records.record(new ConnectionTestRecord(
                        UUID.randomUUID().toString(),
                        caller.company(),
                        integration,
                        name,
                        caller.actor(),
                        clock.instant(),
                        caller.origin().requestId(),
                        caller.origin().source().label(),
                        origins,
                        outcome,
                        summary));
            } catch (RuntimeException notRecorded) {
                // The port records best-effort; a test is answered whether or not its record was kept.
            }
        }
    }

    private sealed interface ProviderCredentialsOrSkip {}

    private record Use(ProviderCredentials credentials) implements ProviderCredentialsOrSkip {}

    private record Skipped(String reason) implements ProviderCredentialsOrSkip {}
}
