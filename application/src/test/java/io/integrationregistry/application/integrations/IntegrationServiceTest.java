package io.integrationregistry.application.integrations;

import io.integrationregistry.application.connections.port.out.StoredConnection;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IdempotencyKey;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.ConcurrentModification;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.ConnectionKey;
import io.integrationregistry.application.testdoubles.CannedIntegrationList;
import io.integrationregistry.application.testdoubles.InMemoryConnections;
import io.integrationregistry.application.testdoubles.InMemoryIdempotencyKeys;
import io.integrationregistry.application.testdoubles.InMemoryIntegrationStore;
import io.integrationregistry.application.testdoubles.InMemoryNameReservations;
import io.integrationregistry.application.testdoubles.IntegrationServices;
import io.integrationregistry.application.testdoubles.MutableClock;
import io.integrationregistry.application.testdoubles.RandomIdentifiers;
import io.integrationregistry.application.testdoubles.ReversibleSecretSealer;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.Authentication;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationSpec.ApiKeySpec;
import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.ClientId;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainHttp;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RedirectUri;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.Scopes;
import io.integrationregistry.domain.SealedSecret;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The use cases, over in-memory ports: the store folds events with the real decider. */
class IntegrationServiceTest {

    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Caller ALICE = new Caller(new Actor("alice"), new CompanyId("acme"));
    private static final Caller BOB_OF_GLOBEX = new Caller(new Actor("bob"), new CompanyId("globex"));
    private static final String API_KEY = "ak_live_0123456789abcdef";
    private static final String OTHER_API_KEY = "ak_live_fedcba9876543210";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final InMemoryNameReservations reservations = new InMemoryNameReservations();
    private final ReversibleSecretSealer sealer = new ReversibleSecretSealer();
    private final InMemoryIdempotencyKeys idempotencyKeys = new InMemoryIdempotencyKeys();
    private final InMemoryConnections connections = new InMemoryConnections();
    private final IntegrationService service = serviceWith(PlainHttp.REFUSED);

    /** Refuses hosts under {@code .internal.example}, as the guard refuses private addresses. */
    private static final ForJudgingOutboundUrls OUTBOUND = url -> url.getHost().endsWith(".internal.example")
            ? Optional.of("the host " + url.getHost() + " is not on the public internet")
            : Optional.empty();

    private IntegrationService serviceWith(PlainHttp plainHttp) {
        return IntegrationServices.of(
                store,
                new CannedIntegrationList(),
                sealer,
                new RandomIdentifiers(),
                reservations,
                idempotencyKeys,
                clock,
                RegistrySettings.defaults().withPlainHttp(plainHttp).withNameReservationGrace(GRACE),
                OUTBOUND,
                connections);
    }

    @Nested
    class Adding {

        @Test
        void givenNothing_whenAdding_thenTheFirstEventIsStoredAtVersionZero() {
            Receipt receipt = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true);

            assertThat(receipt.version()).isZero();
            assertThat(receipt.changed()).isTrue();
            assertThat(store.eventsOf(receipt.integrationId())).hasSize(1);
            assertThat(store.integration(receipt.integrationId()).status()).isEqualTo(IntegrationStatus.ACTIVE);
            assertThat(store.integration(receipt.integrationId()).companyId()).isEqualTo(ALICE.company());
        }

        @Test
        void givenNothing_whenAddingWithAnApiKey_thenTheStoreHoldsItSealedAndNeverInPlain() {
            Receipt receipt = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), false);

            IntegrationAdded added = addedEvent(receipt.integrationId());
            SealedSecret sealed = ((Authentication.ApiKey) added.authentication()).apiKey();
            assertThat(sealed.keyId()).isEqualTo(ReversibleSecretSealer.KEY_ID);
            assertThat(sealed.ciphertext()).doesNotContain(API_KEY);
            assertThat(sealer.open(sealed)).isEqualTo(API_KEY);
            assertThat(sealed.last4()).isEqualTo("cdef");
            assertThat(store.eventsOf(receipt.integrationId()).toString()).doesNotContain(API_KEY);
        }

        @Test
        void givenNothing_whenAddingWithOAuth2_thenTheClientSecretIsSealedAndTheRedirectUriIsGenerated() {
            Receipt receipt = service.add(ALICE, oauth2Draft("Acme drive", "client-secret-1"), true);

            Authentication.OAuth2 oauth2 =
                    (Authentication.OAuth2) addedEvent(receipt.integrationId()).authentication();
            assertThat(sealer.open(oauth2.clientSecret())).isEqualTo("client-secret-1");
            assertThat(oauth2.clientSecret().ciphertext()).doesNotContain("client-secret-1");
            assertThat(oauth2.clientSecret().last4()).isNull();
            assertThat(oauth2.redirectUri())
                    .isEqualTo(new RedirectUri(
                            RandomIdentifiers.CALLBACK + receipt.integrationId().value()));
        }

        @Test
        void givenNothing_whenAddingWithoutASecret_thenRefusedAndNothingIsStoredNorReserved() {
            IntegrationDraft withoutKey =
                    draft("Acme drive", "https://dms.acme.example/api", new ApiKeySpec<>(Optional.empty()));

            IntegrationRuleViolation violation =
                    catchThrowableOfType(IntegrationRuleViolation.class, () -> service.add(ALICE, withoutKey, true));

            assertThat(violation.rule()).isEqualTo(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
            assertThat(store.integrationCount()).isZero();
            assertThat(reservations.holderOf(ALICE.company(), "acme drive")).isEmpty();
        }

        @Test
        void givenTheStoreFailsWithAnUnknownOutcome_whenAdding_thenTheNameIsFreeOnceTheGraceShowsNothingStored() {
            store.failNextCommandWith(new IllegalStateException("database unavailable"));

            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(reservations.holderOf(ALICE.company(), "acme drive")).isPresent();
            clock.advance(GRACE.plusSeconds(1));
            Receipt retried = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true);
            assertThat(store.integration(retried.integrationId()).name().value())
                    .isEqualTo("Acme drive");
            assertThat(reservations.holderOf(ALICE.company(), "acme drive")).contains(retried.integrationId());
        }
    }

    @Nested
    class Transport {

        @Test
        void givenPlainHttpIsRefused_whenAddingWithAnHttpBaseUrl_thenRefusedOnTheBaseUrlAndNothingIsReserved() {
            IntegrationDraft overHttp = draft("Acme drive", "http://dms.acme.example/api", apiKeySpec(API_KEY));

            InvalidValue refusal = catchThrowableOfType(InvalidValue.class, () -> service.add(ALICE, overHttp, true));

            assertThat(refusal.field()).isEqualTo("baseApiUrl");
            assertThat(store.integrationCount()).isZero();
            assertThat(reservations.holderOf(ALICE.company(), "acme drive")).isEmpty();
        }

        @Test
        void givenPlainHttpIsRefused_whenAddingWithAnHttpTokenEndpoint_thenRefusedOnThatField() {
            IntegrationDraft overHttp = draft(
                    "Acme drive",
                    "https://dms.acme.example/api",
                    new OAuth2Spec<>(
                            new WebUrl("https://auth.acme.example/authorize"),
                            new WebUrl("http://auth.acme.example/token"),
                            new ClientId("registry"),
                            Optional.of(secret("client-secret-1")),
                            Scopes.NONE));

            InvalidValue refusal = catchThrowableOfType(InvalidValue.class, () -> service.add(ALICE, overHttp, true));

            assertThat(refusal.field()).isEqualTo("authentication.tokenEndpointUrl");
        }

        @Test
        void givenPlainHttpIsRefused_whenEditingToAnHttpBaseUrl_thenRefusedOnTheBaseUrl() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true);
            IntegrationDraft overHttp = draft("Acme drive", "http://dms.acme.example/api", keepingTheKey());

            InvalidValue refusal = catchThrowableOfType(
                    InvalidValue.class,
                    () -> service.edit(ALICE, added.integrationId(), overHttp, ExpectedVersion.ANY));

            assertThat(refusal.field()).isEqualTo("baseApiUrl");
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }

        @Test
        void givenAnOutboundRefusal_whenAddingWithThatBaseUrl_thenRefusedOnTheBaseUrlWithTheReasonAndNothingIsStored() {
            IntegrationDraft internal = draft("Acme drive", "https://dms.internal.example/api", apiKeySpec(API_KEY));

            InvalidValue refusal = catchThrowableOfType(InvalidValue.class, () -> service.add(ALICE, internal, true));

            assertThat(refusal.field()).isEqualTo("baseApiUrl");
            assertThat(refusal.rule()).contains("not on the public internet");
            assertThat(store.integrationCount()).isZero();
        }

        @Test
        void givenAnOutboundRefusal_whenEditingToThatTokenEndpoint_thenRefusedOnThatFieldAndNothingIsStored() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true);
            IntegrationDraft internal = draft(
                    "Acme drive",
                    "https://dms.acme.example/api",
                    new OAuth2Spec<>(
                            new WebUrl("https://auth.acme.example/authorize"),
                            new WebUrl("https://auth.internal.example/token"),
                            new ClientId("registry"),
                            Optional.of(secret("client-secret-1")),
                            Scopes.NONE));

            InvalidValue refusal = catchThrowableOfType(
                    InvalidValue.class,
                    () -> service.edit(ALICE, added.integrationId(), internal, ExpectedVersion.ANY));

            assertThat(refusal.field()).isEqualTo("authentication.tokenEndpointUrl");
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }

        @Test
        void givenPlainHttpIsAllowed_whenAddingWithAnHttpBaseUrl_thenItIsAdded() {
            IntegrationService forLocalDevelopment = serviceWith(PlainHttp.ALLOWED);

            Receipt receipt = forLocalDevelopment.add(
                    ALICE, draft("Local drive", "http://localhost:8080/api", apiKeySpec(API_KEY)), true);

            assertThat(store.integration(receipt.integrationId()).baseApiUrl().usesPlainHttp())
                    .isTrue();
        }
    }

    @Nested
    class UniqueNames {

        @Test
        void givenAnIntegrationNamedAcme_whenAddingAcmeInAnotherCaseWithSpaces_thenRefusedAsNameAlreadyTaken() {
            service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            NameAlreadyTaken taken = catchThrowableOfType(
                    NameAlreadyTaken.class, () -> service.add(ALICE, apiKeyDraft("ACME ", OTHER_API_KEY), true));

            assertThat(taken.field()).isEqualTo("name");
            assertThat(store.integrationCount()).isOne();
        }

        @Test
        void givenAnIntegrationNamedAcme_whenAnotherCompanyAddsAcme_thenItIsAdded() {
            service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            Receipt receipt = service.add(BOB_OF_GLOBEX, apiKeyDraft("Acme", OTHER_API_KEY), true);

            assertThat(receipt.changed()).isTrue();
            assertThat(store.integrationCount()).isEqualTo(2);
        }

        @Test
        void givenAnIntegrationNamedAcmeLongAgo_whenAddingAcmeAgain_thenStillRefused() {
            service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            clock.advance(Duration.ofDays(30));

            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("acme", OTHER_API_KEY), true))
                    .isInstanceOf(NameAlreadyTaken.class);
        }

        @Test
        void givenAnIntegrationRenamed_whenAddingUnderItsOldName_thenItIsAddedAndTheNewNameIsTaken() {
            Receipt acme = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            service.edit(
                    ALICE,
                    acme.integrationId(),
                    draft("Beta", "https://dms.acme.example/api", keepingTheKey()),
                    ExpectedVersion.of(acme.version()));

            Receipt newAcme = service.add(ALICE, apiKeyDraft("Acme", OTHER_API_KEY), true);

            assertThat(store.integration(newAcme.integrationId()).name().value())
                    .isEqualTo("Acme");
            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("beta", OTHER_API_KEY), true))
                    .isInstanceOf(NameAlreadyTaken.class);
        }

        @Test
        void givenTwoIntegrations_whenRenamingOneToTheOthersName_thenRefusedAndItKeepsItsName() {
            service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            Receipt beta = service.add(ALICE, apiKeyDraft("Beta", OTHER_API_KEY), true);

            assertThatThrownBy(() -> service.edit(
                            ALICE,
                            beta.integrationId(),
                            draft("ACME", "https://dms.acme.example/api", keepingTheKey()),
                            ExpectedVersion.ANY))
                    .isInstanceOf(NameAlreadyTaken.class);

            assertThat(store.integration(beta.integrationId()).name().value()).isEqualTo("Beta");
            assertThat(reservations.holderOf(ALICE.company(), "beta")).contains(beta.integrationId());
        }

        @Test
        void givenAnIntegration_whenOnlyTheCaseOfItsNameChanges_thenItIsRenamedAndKeepsItsReservation() {
            Receipt acme = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            Receipt renamed = service.edit(
                    ALICE,
                    acme.integrationId(),
                    draft("ACME", "https://dms.acme.example/api", keepingTheKey()),
                    ExpectedVersion.ANY);

            assertThat(renamed.changed()).isTrue();
            assertThat(store.integration(acme.integrationId()).name().value()).isEqualTo("ACME");
            assertThat(reservations.holderOf(ALICE.company(), "acme")).contains(acme.integrationId());
        }

        @Test
        void givenAReservationWhoseHolderWasNeverStored_whenTheGracePeriodIsOver_thenTheNameIsTakenOver() {
            IntegrationId abandoned = IntegrationId.of(UUID.randomUUID());
            reservations.tryReserve(ALICE.company(), "acme", abandoned, clock.instant());
            clock.advance(GRACE.plusSeconds(1));

            Receipt receipt = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            assertThat(reservations.holderOf(ALICE.company(), "acme")).contains(receipt.integrationId());
        }

        @Test
        void givenAReservationWhoseHolderIsNotStoredYet_whileTheGracePeriodLasts_thenTheNameIsNotTakenOver() {
            IntegrationId inFlight = IntegrationId.of(UUID.randomUUID());
            reservations.tryReserve(ALICE.company(), "acme", inFlight, clock.instant());
            clock.advance(GRACE.minusSeconds(1));

            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("Acme", API_KEY), true))
                    .isInstanceOf(NameAlreadyTaken.class);
            assertThat(reservations.holderOf(ALICE.company(), "acme")).contains(inFlight);
        }

        @Test
        void givenSixteenAdministratorsAddingTheSameNameAtOnce_thenExactlyOneIntegrationIsCreated() throws Exception {
            int administrators = 16;
            ExecutorService pool = Executors.newFixedThreadPool(administrators);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Receipt>> attempts = new ArrayList<>();
            try {
                for (int i = 0; i < administrators; i++) {
                    String spelling = i % 2 == 0 ? "Acme" : " ACME";
                    Callable<Receipt> attempt = () -> {
                        start.await();
                        return service.add(ALICE, apiKeyDraft(spelling, API_KEY), true);
                    };
                    attempts.add(pool.submit(attempt));
                }
                start.countDown();

                int created = 0;
                int refused = 0;
                for (Future<Receipt> attempt : attempts) {
                    try {
                        attempt.get(30, TimeUnit.SECONDS);
                        created++;
                    } catch (ExecutionException failure) {
                        assertThat(failure.getCause()).isInstanceOf(NameAlreadyTaken.class);
                        refused++;
                    }
                }

                assertThat(created).isOne();
                assertThat(refused).isEqualTo(administrators - 1);
                assertThat(store.integrationCount()).isOne();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    class EditingSecrets {

        @Test
        void givenAnApiKeyIntegration_whenEditedWithTheSameKeyTypedAgain_thenNothingChanges() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            Receipt receipt =
                    service.edit(ALICE, added.integrationId(), apiKeyDraft("Acme", API_KEY), ExpectedVersion.of(0));

            assertThat(receipt.changed()).isFalse();
            assertThat(receipt.version()).isZero();
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }

        @Test
        void givenAnApiKeyIntegration_whenEditedWithoutTheKey_thenTheStoredSealedKeyIsKept() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            SealedSecret before = apiKeyOf(added.integrationId());

            Receipt receipt = service.edit(
                    ALICE,
                    added.integrationId(),
                    draft("Acme", "https://dms.acme.example/api/v2", keepingTheKey()),
                    ExpectedVersion.of(0));

            assertThat(receipt.changed()).isTrue();
            assertThat(receipt.version()).isOne();
            assertThat(apiKeyOf(added.integrationId())).isEqualTo(before);
        }

        @Test
        void storedApiKeyIsNotSentToANewOrigin() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            IntegrationRuleViolation refused = catchThrowableOfType(
                    IntegrationRuleViolation.class,
                    () -> service.edit(
                            ALICE,
                            added.integrationId(),
                            draft("Acme", "https://dms.elsewhere.example/api", keepingTheKey()),
                            ExpectedVersion.ANY));

            assertThat(refused.rule()).isEqualTo(Rule.SECRET_BOUND_TO_ORIGIN);
            assertThat(refused.detail()).isEqualTo("authentication.apiKey");
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }

        @Test
        void givenAnApiKeyIntegration_whenMovedToAnotherOriginWithItsKeyTypedAgain_thenTheSealedKeyIsKept() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            SealedSecret before = apiKeyOf(added.integrationId());

            Receipt receipt = service.edit(
                    ALICE,
                    added.integrationId(),
                    draft("Acme", "https://dms.elsewhere.example/api", apiKeySpec(API_KEY)),
                    ExpectedVersion.ANY);

            assertThat(receipt.changed()).isTrue();
            assertThat(apiKeyOf(added.integrationId())).isEqualTo(before);
        }

        @Test
        void givenAnApiKeyIntegration_whenEditedWithANewKey_thenTheNewKeyIsSealed() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            SealedSecret before = apiKeyOf(added.integrationId());
            int sealsBefore = sealer.sealCount();

            Receipt receipt = service.edit(
                    ALICE, added.integrationId(), apiKeyDraft("Acme", OTHER_API_KEY), ExpectedVersion.of(0));

            SealedSecret after = apiKeyOf(added.integrationId());
            assertThat(receipt.changed()).isTrue();
            assertThat(receipt.version()).isOne();
            assertThat(sealer.sealCount()).isEqualTo(sealsBefore + 1);
            assertThat(after).isNotEqualTo(before);
            assertThat(sealer.open(after)).isEqualTo(OTHER_API_KEY);
            assertThat(after.last4()).isEqualTo("3210");
            assertThat(store.eventsOf(added.integrationId()).toString()).doesNotContain(OTHER_API_KEY);
        }

        @Test
        void givenAnOAuth2Integration_whenSwitchedToApiKeyWithTheClientSecretAsTheKey_thenTheKeyIsSealedAnew() {
            Receipt added = service.add(ALICE, oauth2Draft("Acme", API_KEY), true);

            Receipt receipt =
                    service.edit(ALICE, added.integrationId(), apiKeyDraft("Acme", API_KEY), ExpectedVersion.ANY);

            assertThat(receipt.changed()).isTrue();
            assertThat(sealer.open(apiKeyOf(added.integrationId()))).isEqualTo(API_KEY);
            assertThat(store.integration(added.integrationId()).redirectUri()).isPresent();
        }
    }

    @Nested
    class CredentialsFollowAnEditToANewDestination {

        @Test
        void credentialsFollowAnEditToANewDestination_theConnectionsGoWhenTheBaseUrlChangesOrigin() {
            IntegrationId moved = service.add(ALICE, oauth2Draft("Moved", "client-secret-0123456789"), true)
                    .integrationId();
            IntegrationId other = service.add(ALICE, oauth2Draft("Other", "client-secret-0123456789"), true)
                    .integrationId();
            connectionsOf(moved, "alice", "bob");
            connectionsOf(other, "alice");

            service.edit(
                    ALICE,
                    moved,
                    draft("Moved", "https://dms.elsewhere.example/api", oauth2KeepingTheSecret()),
                    ExpectedVersion.ANY);

            assertThat(connections.byKey.keySet())
                    .extracting(key -> key.integration())
                    .containsOnly(other);
        }

        @Test
        void givenOAuth2Connections_whenTheBaseUrlMovesOnItsOrigin_thenTheyAreKept() {
            IntegrationId id = service.add(ALICE, oauth2Draft("Moved", "client-secret-0123456789"), true)
                    .integrationId();
            connectionsOf(id, "alice");

            service.edit(
                    ALICE,
                    id,
                    draft("Moved", "https://DMS.acme.example:443/api/v2", oauth2KeepingTheSecret()),
                    ExpectedVersion.ANY);

            assertThat(connections.byKey).hasSize(1);
        }

        @Test
        void storedClientSecretIsNotSentToANewTokenEndpointOrigin() {
            IntegrationId id = service.add(ALICE, oauth2Draft("Acme", "client-secret-0123456789"), true)
                    .integrationId();

            IntegrationRuleViolation refused = catchThrowableOfType(
                    IntegrationRuleViolation.class,
                    () -> service.edit(
                            ALICE,
                            id,
                            draft(
                                    "Acme",
                                    "https://dms.acme.example/api",
                                    new OAuth2Spec<>(
                                            new WebUrl("https://auth.acme.example/authorize"),
                                            new WebUrl("https://login.elsewhere.example/token"),
                                            new ClientId("registry"),
                                            Optional.empty(),
                                            Scopes.NONE)),
                            ExpectedVersion.ANY));

            assertThat(refused.rule()).isEqualTo(Rule.SECRET_BOUND_TO_ORIGIN);
            assertThat(refused.detail()).isEqualTo("authentication.clientSecret");
        }

        private void connectionsOf(IntegrationId id, String... users) {
            for (String user : users) {
                ConnectionKey key = new ConnectionKey(id, user);
                connections.save(new StoredConnection(
                        key,
                        sealer.sealToken(key, secret("access-of-" + user)),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        "fingerprint",
                        clock.instant(),
                        clock.instant(),
                        1));
            }
        }

        private static AuthenticationSpec<PlainSecret> oauth2KeepingTheSecret() {
            return new OAuth2Spec<>(
                    new WebUrl("https://auth.acme.example/authorize"),
                    new WebUrl("https://auth.acme.example/token"),
                    new ClientId("registry"),
                    Optional.empty(),
                    Scopes.NONE);
        }
    }

    @Nested
    class NameSpoofing {

        @Test
        void nameSpoofingIsRefusedWhenAddingOrRenaming() {
            String spoofed = "Invoices \u202Efdp.exe";
            Receipt added = service.add(ALICE, apiKeyDraft("Invoices", API_KEY), true);

            InvalidValue onAdd = catchThrowableOfType(
                    InvalidValue.class, () -> service.add(ALICE, apiKeyDraft(spoofed, API_KEY), true));
            InvalidValue onEdit = catchThrowableOfType(
                    InvalidValue.class,
                    () -> service.edit(
                            ALICE, added.integrationId(), apiKeyDraft(spoofed, API_KEY), ExpectedVersion.ANY));

            assertThat(onAdd.field()).isEqualTo("name");
            assertThat(onEdit.field()).isEqualTo("name");
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }
    }

    @Nested
    class CompaniesAndVersions {

        @Test
        void givenAnIntegrationOfAnotherCompany_whenEditingIt_thenRefusedAsIfItDidNotExist() {
            Receipt globex = service.add(BOB_OF_GLOBEX, apiKeyDraft("Globex drive", API_KEY), true);

            IntegrationRuleViolation violation = catchThrowableOfType(
                    IntegrationRuleViolation.class,
                    () -> service.edit(
                            ALICE,
                            globex.integrationId(),
                            apiKeyDraft("Taken over", OTHER_API_KEY),
                            ExpectedVersion.ANY));

            assertThat(violation.rule()).isEqualTo(Rule.INTEGRATION_MUST_EXIST);
            assertThat(store.eventsOf(globex.integrationId())).hasSize(1);
            assertThat(reservations.holderOf(ALICE.company(), "taken over")).isEmpty();
        }

        @Test
        void givenAnInactiveIntegrationOfAnotherCompany_whenActivatingIt_thenRefused() {
            Receipt globex = service.add(BOB_OF_GLOBEX, apiKeyDraft("Globex drive", API_KEY), false);

            IntegrationRuleViolation violation = catchThrowableOfType(
                    IntegrationRuleViolation.class,
                    () -> service.activate(ALICE, globex.integrationId(), ExpectedVersion.ANY));

            assertThat(violation.rule()).isEqualTo(Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY);
            assertThat(store.integration(globex.integrationId()).active()).isFalse();
        }

        @Test
        void givenNoIntegration_whenEditingAnUnknownId_thenRefusedAsMissing() {
            IntegrationRuleViolation violation = catchThrowableOfType(
                    IntegrationRuleViolation.class,
                    () -> service.edit(
                            ALICE,
                            IntegrationId.of(UUID.randomUUID()),
                            apiKeyDraft("Acme", API_KEY),
                            ExpectedVersion.ANY));

            assertThat(violation.rule()).isEqualTo(Rule.INTEGRATION_MUST_EXIST);
        }

        @Test
        void givenAnActiveIntegration_whenActivating_thenNothingChanges() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            Receipt receipt = service.activate(ALICE, added.integrationId(), ExpectedVersion.of(0));

            assertThat(receipt.changed()).isFalse();
            assertThat(receipt.version()).isZero();
            assertThat(store.eventsOf(added.integrationId())).hasSize(1);
        }

        @Test
        void givenAnActiveIntegration_whenDeactivatingThenActivating_thenEachStepIsANewVersion() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);

            Receipt deactivated = service.deactivate(ALICE, added.integrationId(), ExpectedVersion.of(0));
            Receipt activated = service.activate(ALICE, added.integrationId(), ExpectedVersion.of(1));

            assertThat(deactivated.version()).isOne();
            assertThat(activated.version()).isEqualTo(2);
            assertThat(store.eventsOf(added.integrationId()))
                    .extracting(IntegrationEvent::getClass)
                    .containsExactly(
                            IntegrationAdded.class,
                            IntegrationEvent.IntegrationDeactivated.class,
                            IntegrationEvent.IntegrationActivated.class);
        }

        @Test
        void givenAChangedIntegration_whenDeactivatingWithAStaleVersion_thenConcurrentModification() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            service.edit(ALICE, added.integrationId(), apiKeyDraft("Acme", OTHER_API_KEY), ExpectedVersion.of(0));

            assertThatThrownBy(() -> service.deactivate(ALICE, added.integrationId(), ExpectedVersion.of(0)))
                    .isInstanceOf(ConcurrentModification.class);

            assertThat(store.integration(added.integrationId()).active()).isTrue();
        }

        @Test
        void givenAChangedIntegration_whenRenamingWithAStaleVersion_thenConcurrentModificationAndTheNewNameIsFree() {
            Receipt added = service.add(ALICE, apiKeyDraft("Acme", API_KEY), true);
            service.deactivate(ALICE, added.integrationId(), ExpectedVersion.of(0));

            assertThatThrownBy(() -> service.edit(
                            ALICE,
                            added.integrationId(),
                            draft("Beta", "https://dms.acme.example/api", keepingTheKey()),
                            ExpectedVersion.of(0)))
                    .isInstanceOf(ConcurrentModification.class);

            assertThat(store.integration(added.integrationId()).name().value()).isEqualTo("Acme");
            assertThat(reservations.holderOf(ALICE.company(), "beta")).isEmpty();
            assertThat(reservations.holderOf(ALICE.company(), "acme")).contains(added.integrationId());
        }

        @Test
        void givenAnyCompany_whenListing_thenTheReadModelAnswers() {
            assertThat(service.list(ALICE.company(), IntegrationQuery.firstPage(20))
                            .size())
                    .isEqualTo(20);
            assertThat(service.find(ALICE.company(), IntegrationId.of(UUID.randomUUID())))
                    .isEmpty();
        }
    }

    // ---- helpers

    private IntegrationAdded addedEvent(IntegrationId id) {
        return (IntegrationAdded) store.eventsOf(id).get(0);
    }

    private SealedSecret apiKeyOf(IntegrationId id) {
        return ((Authentication.ApiKey) store.integration(id).authentication()).apiKey();
    }

    private static IntegrationDraft apiKeyDraft(String name, String apiKey) {
        return draft(name, "https://dms.acme.example/api", apiKeySpec(apiKey));
    }

    private static IntegrationDraft oauth2Draft(String name, String clientSecret) {
        return draft(
                name,
                "https://dms.acme.example/api",
                new OAuth2Spec<>(
                        new WebUrl("https://auth.acme.example/authorize"),
                        new WebUrl("https://auth.acme.example/token"),
                        new ClientId("registry"),
                        Optional.of(secret(clientSecret)),
                        Scopes.NONE));
    }

    private static IntegrationDraft draft(
            String name, String baseApiUrl, AuthenticationSpec<PlainSecret> authentication) {
        return new IntegrationDraft(
                new IntegrationName(name),
                new BaseApiUrl(baseApiUrl),
                RequestParameters.of("access_type=offline"),
                authentication);
    }

    private static AuthenticationSpec<PlainSecret> apiKeySpec(String apiKey) {
        return new ApiKeySpec<>(Optional.of(secret(apiKey)));
    }

    private static AuthenticationSpec<PlainSecret> keepingTheKey() {
        return new ApiKeySpec<>(Optional.empty());
    }

    private static PlainSecret secret(String value) {
        return PlainSecret.of("authentication.apiKey", value);
    }

    @Nested
    class IdempotentAdding {

        private final IdempotencyKey key = new IdempotencyKey("retry-1", "digest-of-request-a");

        @Test
        void givenAnAnsweredKey_whenTheSameRequestComesAgain_thenTheFirstAnswerIsReturnedAndNothingIsAdded() {
            Receipt first = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            Receipt again = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThat(again.integrationId()).isEqualTo(first.integrationId());
            assertThat(again.integration()).isEqualTo(first.integration());
            assertThat(again.changed()).isFalse();
            assertThat(store.integrationCount()).isEqualTo(1);
        }

        @Test
        void givenAnAnsweredKey_whenAnotherRequestComesWithIt_thenItIsRefusedAndNothingIsAdded() {
            service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThatThrownBy(() -> service.add(
                            ALICE,
                            apiKeyDraft("Other drive", API_KEY),
                            true,
                            Optional.of(new IdempotencyKey("retry-1", "digest-of-request-b"))))
                    .isInstanceOf(IdempotencyKeyReused.class);
            assertThat(store.integrationCount()).isEqualTo(1);
        }

        @Test
        void givenAKeyOfAnotherCompany_whenUsedAgain_thenItIsAnIndependentKey() {
            service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            Receipt globex = service.add(BOB_OF_GLOBEX, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThat(globex.changed()).isTrue();
            assertThat(store.integrationCount()).isEqualTo(2);
        }

        @Test
        void givenAFirstRequestThatFailed_whenRetriedWithTheSameKey_thenItIsTriedAfresh() {
            store.failNextCommandWith(new IllegalStateException("store down"));
            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key)))
                    .isInstanceOf(IllegalStateException.class);

            Receipt retried = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThat(retried.changed()).isTrue();
            assertThat(store.integrationCount()).isEqualTo(1);
        }

        @Test
        void givenAFirstRequestThatStoredItsIntegrationButNotItsAnswer_whenRetriedAfterTheGrace_thenItIsAnsweredOnce() {
            idempotencyKeys.failNextWriteWith(new IllegalStateException("database gone"));
            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key)))
                    .isInstanceOf(IllegalStateException.class);
            IntegrationId stored = store.integrationIds().iterator().next();
            clock.advance(GRACE.plusSeconds(1));

            Receipt retried = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));
            Receipt again = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThat(retried.integrationId()).isEqualTo(stored);
            assertThat(retried.changed()).isFalse();
            assertThat(retried.version()).isZero();
            assertThat(retried.integration().name()).isEqualTo("Acme drive");
            assertThat(again.integration()).isEqualTo(retried.integration());
            assertThat(idempotencyKeys.answered(ALICE.company(), key.value())).isTrue();
            assertThat(store.integrationCount()).isEqualTo(1);
        }

        @Test
        void givenAFirstRequestThatFailedAndCouldNotHandItsKeyOver_whenRetriedAfterTheGrace_thenItIsCreatedOnce() {
            store.failNextCommandWith(new IllegalStateException("database gone"));
            idempotencyKeys.failNextWriteWith(new IllegalStateException("database gone"));
            assertThatThrownBy(() -> service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.integrationCount()).isZero();
            clock.advance(GRACE.plusSeconds(1));

            Receipt retried = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));
            Receipt again = service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));

            assertThat(retried.changed()).isTrue();
            assertThat(again.integrationId()).isEqualTo(retried.integrationId());
            assertThat(again.changed()).isFalse();
            assertThat(store.integrationCount()).isEqualTo(1);
        }

        @Test
        void givenAKeyOlderThanItsRetention_whenUsedAgain_thenItCreatesAnew() {
            service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));
            clock.advance(Duration.ofHours(25));

            Receipt later = service.add(ALICE, apiKeyDraft("Acme drive 2", API_KEY), true, Optional.of(key));

            assertThat(later.changed()).isTrue();
            assertThat(store.integrationCount()).isEqualTo(2);
        }

        @Test
        void givenSixteenConcurrentRequestsWithOneKey_thenOneIntegrationIsAddedAndAllGetItsAnswer() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Receipt>> receipts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                receipts.add(pool.submit(() -> {
                    start.await();
                    return service.add(ALICE, apiKeyDraft("Acme drive", API_KEY), true, Optional.of(key));
                }));
            }
            start.countDown();
            Set<IntegrationId> ids = new HashSet<>();
            for (Future<Receipt> receipt : receipts) {
                ids.add(receipt.get(30, TimeUnit.SECONDS).integrationId());
            }
            pool.shutdown();

            assertThat(ids).hasSize(1);
            assertThat(store.integrationCount()).isEqualTo(1);
            assertThat(idempotencyKeys.size()).isEqualTo(1);
        }
    }
}
