package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.connections.port.in.ConnectionReport.Outcome;
import io.integrationregistry.application.connections.port.in.ConnectionReport.Step;
import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.connections.port.out.TokenClient;
import io.integrationregistry.application.connections.port.out.TokenGrant;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.integrations.IntegrationService;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnectionTestRecords;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.IntegrationServices;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.ProviderUseCases;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.application.testdoubles.UnansweringProvider;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Connection tests: where a stored secret may go, what the report says, and what the audit trail records. */
class ConnectionTestServiceTest {

    private static final Caller DORA = new Caller(new Actor("dora"), new CompanyId("acme"));
    private static final String BASE = "https://dms.acme.example/api";
    private static final String NEW_ORIGIN_BASE = "https://dms.elsewhere.example/api";
    private static final String API_KEY = "ak_live_0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final InMemoryConnectionTestRecords records = new InMemoryConnectionTestRecords();
    private final Provider provider = new Provider();
    private final ProviderUseCases services = ProviderUseCases.create(
            store, sealer, connections, new NoStates(), new NoTokens(), provider, clock, records);
    private final IntegrationService management = IntegrationServices.of(
            store,
            new CannedIntegrationList(),
            sealer,
            new RandomIdentifiers(),
            new InMemoryNameReservations(),
            new InMemoryIdempotencyKeys(),
            clock,
            RegistrySettings.defaults(),
            url -> Optional.empty(),
            connections);

    @Test
    void storedApiKeyIsNotSentToANewOrigin() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));

        IntegrationRuleViolation refused = catchThrowableOfType(
                IntegrationRuleViolation.class,
                () -> services.tests().test(DORA, id, Optional.of(draft(NEW_ORIGIN_BASE, apiKey(Optional.empty())))));

        assertThat(refused.rule()).isEqualTo(Rule.SECRET_BOUND_TO_ORIGIN);
        assertThat(refused.detail()).isEqualTo("authentication.apiKey");
        assertThat(provider.calls).isEmpty();
        assertThat(records.records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo("REFUSED");
            assertThat(record.origins()).isEmpty();
            assertThat(record.integration()).contains(id);
            assertThat(record.summary()).contains("authentication.apiKey").doesNotContain(API_KEY);
        });
    }

    @Test
    void givenASavedApiKey_whenTestingAnotherPathOfItsOrigin_thenTheStoredKeyIsSent() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));

        ConnectionReport report = services.tests()
                .test(DORA, id, Optional.of(draft("https://DMS.acme.example:443/api/v2", apiKey(Optional.empty()))));

        assertThat(report.ok()).isTrue();
        assertThat(provider.calls)
                .containsExactly(
                        "serviceInfo https://dms.acme.example key=" + API_KEY,
                        "files https://dms.acme.example key=" + API_KEY);
    }

    @Test
    void givenASavedApiKey_whenTestingAnotherOriginWithTheKeyTypedAgain_thenTheTypedKeyIsSent() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));

        ConnectionReport report = services.tests()
                .test(DORA, id, Optional.of(draft(NEW_ORIGIN_BASE, apiKey(Optional.of("ak_live_typed_again_0123")))));

        assertThat(report.ok()).isTrue();
        assertThat(provider.calls)
                .containsExactly(
                        "serviceInfo https://dms.elsewhere.example key=ak_live_typed_again_0123",
                        "files https://dms.elsewhere.example key=ak_live_typed_again_0123");
    }

    @Test
    void aUsersTokenIsNotSentToANewBaseOrigin_theCredentialStepsAreSkippedWithTheReason() {
        IntegrationId id = add(draft(BASE, oauth2()));
        ConnectionKey key = new ConnectionKey(id, "dora");
        connections.save(new StoredConnection(
                key,
                sealer.sealToken(key, PlainSecret.received("t", "access-1")),
                Optional.empty(),
                Optional.empty(),
                false,
                OAuth2Client.fingerprint(store.integration(id)),
                clock.instant(),
                clock.instant(),
                1));
        assertThat(services.tests()
                        .test(DORA, id, Optional.of(draft(BASE, oauth2())))
                        .ok())
                .isTrue();
        provider.calls.clear();

        ConnectionReport report = services.tests().test(DORA, id, Optional.of(draft(NEW_ORIGIN_BASE, oauth2())));

        assertThat(provider.calls).containsExactly("serviceInfo https://dms.elsewhere.example none");
        assertThat(report.ok()).isFalse();
        assertThat(report.steps())
                .filteredOn(step ->
                        step.name().equals("authenticated") || step.name().equals("listedRoot"))
                .hasSize(2)
                .allSatisfy(step -> {
                    assertThat(step.outcome()).isEqualTo(Outcome.SKIPPED);
                    assertThat(step.message()).contains("not sent").contains("https://dms.acme.example");
                });
    }

    @Test
    void connectionTestsAreRecordedWithTheirOriginsOnly() {
        IntegrationId id = add(new IntegrationDraft(
                new IntegrationName("Drive"),
                new BaseApiUrl("https://dms.acme.example:8443/api/v1"),
                RequestParameters.of("token=secret-param"),
                apiKey(Optional.of(API_KEY))));

        services.tests().test(DORA, id, Optional.empty());
        provider.failFiles = new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 401, null, "refused");
        services.tests().test(DORA, draft(NEW_ORIGIN_BASE, apiKey(Optional.of(API_KEY))));

        assertThat(records.records).hasSize(2);
        ConnectionTestRecord saved = records.records.get(0);
        assertThat(saved.integration()).contains(id);
        assertThat(saved.integrationName()).isEqualTo("Drive");
        assertThat(saved.actor()).isEqualTo(new Actor("dora"));
        assertThat(saved.company()).isEqualTo(new CompanyId("acme"));
        assertThat(saved.at()).isEqualTo(clock.instant());
        assertThat(saved.origins()).containsExactly("https://dms.acme.example:8443");
        assertThat(saved.outcome()).isEqualTo("PASSED");
        ConnectionTestRecord typed = records.records.get(1);
        assertThat(typed.integration()).isEmpty();
        assertThat(typed.origins()).containsExactly("https://dms.elsewhere.example");
        assertThat(typed.outcome()).isEqualTo("FAILED");
        assertThat(records.records.toString())
                .doesNotContain(API_KEY)
                .doesNotContain("secret-param")
                .doesNotContain("/api");
    }

    @Test
    void aConnectionTestRecordsItsChannelInLowerCaseAsEventsDoSoThatTheTrailFiltersThemAlike() {
        IntegrationId id = add(new IntegrationDraft(
                new IntegrationName("Drive"),
                new BaseApiUrl("https://dms.acme.example/api/v1"),
                RequestParameters.NONE,
                apiKey(Optional.of(API_KEY))));

        services.tests()
                .test(
                        DORA.within(new io.integrationregistry.application.shared.Origin(
                                "req-page-1", io.integrationregistry.application.shared.Origin.Source.UI)),
                        id,
                        Optional.empty());

        assertThat(records.records).singleElement().satisfies(record -> {
            assertThat(record.source()).isEqualTo("ui");
            assertThat(record.requestId()).isEqualTo("req-page-1");
        });
    }

    @Test
    void theReportDoesNotSayTheCredentialsWereAcceptedWhenTheyWereNotSent() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failFiles = ProviderFailure.credentialsNotSent(
                200,
                "files: the provider redirected the call to another origin (cdn.example), where the credentials "
                        + "are not sent");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(report.ok()).isFalse();
        Step authenticated = step(report, "authenticated");
        assertThat(authenticated.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(authenticated.message()).contains("not sent").doesNotContain("accepted");
        assertThat(step(report, "listedRoot").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aProviderWithoutServiceInfoIsReachableAndItsRootListingDecides() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.NOT_FOUND, 404, null, "not found");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(step(report, "reachable").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step(report, "serviceInfo").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(step(report, "serviceInfo").message()).contains("does not offer serviceInfo");
        assertThat(step(report, "authenticated").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step(report, "listedRoot").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void serviceInfoAnsweringMethodNotAllowedOrNotImplementedIsNotOfferedEither() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        for (int status : new int[] {405, 501}) {
            provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.PROVIDER_ERROR, status, null, "no");

            ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

            assertThat(report.ok()).as("%d", status).isTrue();
            assertThat(step(report, "serviceInfo").outcome()).as("%d", status).isEqualTo(Outcome.SKIPPED);
        }
    }

    @Test
    void serviceInfoIsSentTheCredentialsSoAProviderProtectingItPasses() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(provider.calls).first().isEqualTo("serviceInfo https://dms.acme.example key=" + API_KEY);
        assertThat(report.ok()).isTrue();
        assertThat(step(report, "serviceInfo").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void aRefusedServiceInfoDoesNotMakeTheProviderUnreachable() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 401, null, "no");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(step(report, "reachable").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step(report, "serviceInfo").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step(report, "authenticated").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.ok()).isTrue();
    }

    @Test
    void aProtectedServiceInfoWithNoCredentialsToSendIsSkippedNotFailed() {
        provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 401, null, "no");

        ConnectionReport report = services.tests().test(DORA, draft(BASE, oauth2()));

        assertThat(provider.calls).containsExactly("serviceInfo https://dms.acme.example none");
        assertThat(step(report, "reachable").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step(report, "serviceInfo").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(step(report, "serviceInfo").message()).contains("protects serviceInfo");
        assertThat(step(report, "authenticated").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(step(report, "authenticated").message()).contains("connect your account after saving");
        assertThat(report.ok()).isFalse();
    }

    @Test
    void a404OnEveryCallFailsAuthenticatedSayingTheBaseUrlIsProbablyWrong() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.NOT_FOUND, 404, null, "not found");
        provider.failFiles = new ProviderFailure(ProviderFailure.Kind.NOT_FOUND, 404, null, "not found");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(report.ok()).isFalse();
        assertThat(step(report, "reachable").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(step(report, "authenticated").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step(report, "authenticated").message())
                .contains("every call answered 404")
                .contains("base API URL is probably wrong");
        assertThat(step(report, "listedRoot").outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aServerErrorOnTheRootListingDoesNotPassAuthenticated() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failFiles = new ProviderFailure(ProviderFailure.Kind.PROVIDER_ERROR, 500, null, "broke");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(report.ok()).isFalse();
        assertThat(step(report, "authenticated").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step(report, "authenticated").message()).contains("not confirmed");
        assertThat(step(report, "listedRoot").message()).contains("500");
    }

    @Test
    void theReportNamesTheUserAnApiKeyWasSentAs() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));

        ConnectionReport passed = services.tests().test(DORA, id, Optional.empty());
        provider.failFiles = new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, 403, "bad user", "refused");
        ConnectionReport refused = services.tests().test(DORA, id, Optional.empty());

        assertThat(step(passed, "authenticated").message()).contains("sent as user dora");
        assertThat(step(refused, "authenticated").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(step(refused, "authenticated").message()).contains("sent as user dora");
        assertThat(passed.toString() + refused).doesNotContain(API_KEY);
    }

    @Test
    void theServiceInfoStepShowsWhatTheProviderSaysAboutItself() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.info = new ServiceInfo(
                "1.2",
                "9.1",
                "Acme\u0007 Docs",
                List.of("files", "download"),
                List.of(java.util.Map.of("name", "approve")));

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(step(report, "serviceInfo").details())
                .containsExactly(
                        java.util.Map.entry("publisher", "Acme Docs"),
                        java.util.Map.entry("version", "9.1"),
                        java.util.Map.entry("webhookVersion", "1.2"),
                        java.util.Map.entry("availableEndpoints", "files, download"),
                        java.util.Map.entry("customActions", "approve"));
    }

    @Test
    void anUnreachableProviderFailsReachableAndSkipsTheRest() {
        IntegrationId id = add(draft(BASE, apiKey(Optional.of(API_KEY))));
        provider.failServiceInfo = new ProviderFailure(ProviderFailure.Kind.UNREACHABLE, "no connection");

        ConnectionReport report = services.tests().test(DORA, id, Optional.empty());

        assertThat(report.ok()).isFalse();
        assertThat(report.steps())
                .extracting(step -> step.name() + "=" + step.outcome())
                .containsExactly(
                        "reachable=FAILED", "serviceInfo=SKIPPED", "authenticated=SKIPPED", "listedRoot=SKIPPED");
        assertThat(provider.calls).noneMatch(call -> call.startsWith("files"));
        assertThat(records.records).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo("FAILED");
            assertThat(record.summary())
                    .isEqualTo("reachable failed, serviceInfo skipped, authenticated skipped, listedRoot skipped");
        });
    }

    private IntegrationId add(IntegrationDraft draft) {
        return management.add(DORA, draft, true, Optional.empty()).integrationId();
    }

    private static IntegrationDraft draft(String base, AuthenticationSpec<PlainSecret> authentication) {
        return new IntegrationDraft(
                new IntegrationName("Drive"), new BaseApiUrl(base), RequestParameters.NONE, authentication);
    }

    private static AuthenticationSpec<PlainSecret> apiKey(Optional<String> key) {
        return new ApiKeySpec<>(key.map(value -> PlainSecret.of("authentication.apiKey", value)));
    }

    private static AuthenticationSpec<PlainSecret> oauth2() {
        return new OAuth2Spec<>(
                new WebUrl("https://auth.acme.example/authorize"),
                new WebUrl("https://auth.acme.example/token"),
                new ClientId("registry"),
                Optional.of(PlainSecret.of("authentication.clientSecret", "client-secret-0123456789")),
                Scopes.NONE);
    }

    private static Step step(ConnectionReport report, String name) {
        return report.steps().stream()
                .filter(step -> step.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + report));
    }

    /** A provider that answers serviceInfo, lists nothing, and records where it was called with what. */
    private static final class Provider extends UnansweringProvider {
        final List<String> calls = new ArrayList<>();
        ProviderFailure failFiles;
        ProviderFailure failServiceInfo;
        ServiceInfo info = new ServiceInfo("1", "1", "Acme", List.of("files"), List.of());

        @Override
        public ServiceInfo serviceInfo(ProviderEndpoint endpoint, ProviderCredentials credentials) {
            calls.add("serviceInfo " + endpoint.baseApiUrl().origin() + " " + sent(credentials));
            if (failServiceInfo != null) {
                throw failServiceInfo;
            }
            return info;
        }

        @Override
        public List<DocumentMetadata> files(
                ProviderEndpoint endpoint,
                ProviderCredentials credentials,
                String parentId,
                Integer max,
                Integer offset) {
            calls.add("files " + endpoint.baseApiUrl().origin() + " " + sent(credentials));
            if (failFiles != null) {
                throw failFiles;
            }
            return List.of();
        }

        private static String sent(ProviderCredentials credentials) {
            return credentials instanceof ProviderCredentials.ApiKey key
                    ? "key=" + key.apiKey().reveal()
                    : credentials instanceof ProviderCredentials.Bearer bearer
                            ? "bearer=" + bearer.accessToken().reveal()
                            : "none";
        }
    }

    private static final class NoStates implements ForKeepingAuthorizationStates {
        @Override
        public void remember(io.integrationregistry.application.connections.port.out.AuthorizationState state) {}

        @Override
        public Optional<io.integrationregistry.application.connections.port.out.AuthorizationState> consume(
                String stateHash) {
            return Optional.empty();
        }
    }

    private static final class NoTokens implements ForObtainingTokens {
        @Override
        public TokenGrant exchangeCode(
                TokenClient client, String code, RedirectUri redirectUri, PlainSecret codeVerifier) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TokenGrant refresh(TokenClient client, PlainSecret refreshToken) {
            throw new UnsupportedOperationException();
        }
    }
}
