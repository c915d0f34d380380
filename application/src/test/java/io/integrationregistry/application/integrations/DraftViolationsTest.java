package io.integrationregistry.application.integrations;

import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.shared.Caller;
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
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.PlainHttp;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;
import io.integrationregistry.domain.WebUrl;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every rule of the use cases a draft breaks, judged at once on the fields it gives, and nothing stored. */
class DraftViolationsTest {

    private static final Caller ALICE = new Caller(new Actor("alice"), new CompanyId("acme"));
    private static final Caller BOB_OF_GLOBEX = new Caller(new Actor("bob"), new CompanyId("globex"));

    /** Refuses hosts under {@code .internal.example}, as the guard refuses private addresses. */
    private static final ForJudgingOutboundUrls OUTBOUND = url -> url.getHost().endsWith(".internal.example")
            ? Optional.of("the host " + url.getHost() + " is not on the public internet")
            : Optional.empty();

    private final InMemoryIntegrationStore store = new InMemoryIntegrationStore();
    private final InMemoryNameReservations reservations = new InMemoryNameReservations();
    private final IntegrationService service = IntegrationServices.of(
            store,
            new CannedIntegrationList(),
            new ReversibleSecretSealer(),
            new RandomIdentifiers(),
            reservations,
            new InMemoryIdempotencyKeys(),
            new MutableClock(Instant.parse("2025-03-01T09:00:00Z")),
            RegistrySettings.defaults().withPlainHttp(PlainHttp.REFUSED),
            OUTBOUND,
            new InMemoryConnections());

    @Test
    void everyRuleANewIntegrationBreaksIsNamedAtOnceAndNothingIsStored() {
        PartialDraft draft = new PartialDraft(
                Optional.of(new IntegrationName("Acme \u202Eevird")),
                Optional.of(new BaseApiUrl("https://dms.internal.example/api")),
                Optional.of(AuthenticationType.OAUTH2),
                Optional.of(new WebUrl("http://auth.acme.example/authorize")),
                Optional.of(new WebUrl("http://auth.acme.example/token")),
                true);

        List<InvalidValue> found = service.violations(ALICE, Optional.empty(), draft);

        assertThat(found)
                .extracting(InvalidValue::field)
                .containsExactly(
                        "name",
                        "baseApiUrl",
                        "authentication.authenticationUrl",
                        "authentication.tokenEndpointUrl",
                        "authentication.clientSecret");
        assertThat(found.get(1).rule()).contains("not on the public internet");
        assertThat(found.get(4).rule()).isEqualTo(DraftViolations.SECRET_REQUIRED);
        assertThat(store.integrationCount()).isZero();
        assertThat(reservations.holderOf(ALICE.company(), "acme \u202eevird")).isEmpty();
    }

    @Test
    void onlyTheFieldsADraftGivesAreJudged() {
        PartialDraft apiKeyWithoutItsKey = new PartialDraft(
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuthenticationType.API_KEY),
                Optional.empty(),
                Optional.empty(),
                true);
        PartialDraft nothingReadable = new PartialDraft(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);

        assertThat(service.violations(ALICE, Optional.empty(), apiKeyWithoutItsKey))
                .extracting(InvalidValue::field, InvalidValue::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("authentication.apiKey", DraftViolations.SECRET_REQUIRED));
        assertThat(service.violations(ALICE, Optional.empty(), nothingReadable)).isEmpty();
    }

    @Test
    void anEditChangingTheTypeNeedsTheNewTypesSecretAndOneKeepingItDoesNot() {
        Receipt added = service.add(ALICE, apiKeyDraft(), true);
        Optional<IntegrationId> edited = Optional.of(added.integrationId());
        PartialDraft toOAuth2WithoutSecret = new PartialDraft(
                Optional.of(new IntegrationName("Acme drive")),
                Optional.of(new BaseApiUrl("https://dms.acme.example/api")),
                Optional.of(AuthenticationType.OAUTH2),
                Optional.of(new WebUrl("https://auth.acme.example/authorize")),
                Optional.of(new WebUrl("https://auth.acme.example/token")),
                true);
        PartialDraft keepingTheKey = new PartialDraft(
                Optional.empty(),
                Optional.of(new BaseApiUrl("https://dms.acme.example/other")),
                Optional.of(AuthenticationType.API_KEY),
                Optional.empty(),
                Optional.empty(),
                true);
        PartialDraft keepingTheKeyForAnotherOrigin = new PartialDraft(
                Optional.empty(),
                Optional.of(new BaseApiUrl("https://elsewhere.example/api")),
                Optional.of(AuthenticationType.API_KEY),
                Optional.empty(),
                Optional.empty(),
                true);

        assertThat(service.violations(ALICE, edited, toOAuth2WithoutSecret))
                .extracting(InvalidValue::field)
                .containsExactly("authentication.clientSecret");
        assertThat(service.violations(ALICE, edited, keepingTheKey)).isEmpty();
        assertThat(service.violations(ALICE, edited, keepingTheKeyForAnotherOrigin))
                .extracting(InvalidValue::field, InvalidValue::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "authentication.apiKey", DraftViolations.SECRET_BOUND_TO_ORIGIN));
        assertThat(service.violations(ALICE, edited, ExpectedVersion.of(0), keepingTheKeyForAnotherOrigin))
                .extracting(InvalidValue::field)
                .containsExactly("authentication.apiKey");
        assertThat(service.violations(ALICE, edited, ExpectedVersion.of(7), keepingTheKeyForAnotherOrigin))
                .as("an edit of a version since replaced is refused as stale, not judged against values unseen")
                .isEmpty();
        assertThat(store.eventsOf(added.integrationId())).hasSize(1);
    }

    @Test
    void judgingAnEditOfAnotherCompanysOrAnUnknownIntegrationIsRefusedAsTheEditWouldBe() {
        Receipt added = service.add(ALICE, apiKeyDraft(), true);
        PartialDraft toOAuth2WithoutSecret = new PartialDraft(
                Optional.empty(),
                Optional.empty(),
                Optional.of(AuthenticationType.OAUTH2),
                Optional.empty(),
                Optional.empty(),
                true);

        IntegrationRuleViolation othersId = catchThrowableOfType(
                IntegrationRuleViolation.class,
                () -> service.violations(BOB_OF_GLOBEX, Optional.of(added.integrationId()), toOAuth2WithoutSecret));
        IntegrationRuleViolation unknown = catchThrowableOfType(
                IntegrationRuleViolation.class,
                () -> service.violations(
                        ALICE, Optional.of(IntegrationId.of(UUID.randomUUID())), toOAuth2WithoutSecret));

        assertThat(othersId.rule()).isEqualTo(Rule.INTEGRATION_MUST_EXIST);
        assertThat(unknown.rule()).isEqualTo(Rule.INTEGRATION_MUST_EXIST);
    }

    @Test
    void aCompleteDraftHasEveryBrokenRuleNamedAndAGoodOneNone() {
        IntegrationDraft internal = new IntegrationDraft(
                new IntegrationName("Acme drive"),
                new BaseApiUrl("https://dms.internal.example/api"),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(Optional.empty()));

        assertThat(service.violations(ALICE, Optional.empty(), PartialDraft.of(internal)))
                .extracting(InvalidValue::field)
                .containsExactly("baseApiUrl", "authentication.apiKey");
        assertThat(service.violations(ALICE, Optional.empty(), PartialDraft.of(apiKeyDraft())))
                .isEmpty();
    }

    private static IntegrationDraft apiKeyDraft() {
        return new IntegrationDraft(
                new IntegrationName("Acme drive"),
                new BaseApiUrl("https://dms.acme.example/api"),
                RequestParameters.NONE,
                new AuthenticationSpec.ApiKeySpec<>(
                        Optional.of(PlainSecret.of("authentication.apiKey", "ak_live_0123456789abcdef"))));
    }
}
