package io.integrationregistry.domain;

import io.integrationregistry.domain.AuthenticationSpec.OAuth2Spec;
import io.integrationregistry.domain.IntegrationCommand.ActivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.DeactivateIntegration;
import io.integrationregistry.domain.IntegrationCommand.EditIntegration;
import io.integrationregistry.domain.IntegrationRuleViolation.Rule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.integrationregistry.domain.DeciderSpecification.given;
import static io.integrationregistry.domain.DeciderSpecification.givenNoHistory;
import static io.integrationregistry.domain.Examples.*;

/** The rules of the Integration aggregate, as given(history).when(command).then(outcome). */
class IntegrationDeciderTest {

    @Nested
    class Adding {

        @Test
        void givenNoHistory_whenAddingWithoutSayingInactive_thenAnActiveIntegrationIsAdded() {
            givenNoHistory().when(add(apiKeySpec(API_KEY), true)).thenExpect(added(apiKey(API_KEY), true));
        }

        @Test
        void givenNoHistory_whenAddingAnInactiveIntegration_thenAnInactiveIntegrationIsAdded() {
            givenNoHistory().when(add(apiKeySpec(API_KEY), false)).thenExpect(added(apiKey(API_KEY), false));
        }

        @Test
        void givenNoHistory_whenAddingWithOAuth2_thenTheRedirectUriIsTheProposedOne() {
            givenNoHistory()
                    .when(add(oauth2Spec(CLIENT_SECRET), true))
                    .thenExpect(added(oauth2(CLIENT_SECRET, PROPOSED_REDIRECT), true));
        }

        @Test
        void givenAnAddedIntegration_whenAddingOneWithTheSameId_thenRefusedBecauseTheIdMustBeNew() {
            given(addedWithApiKey(true))
                    .when(add(apiKeySpec(OTHER_API_KEY), true))
                    .thenRefusedWith(Rule.INTEGRATION_ID_MUST_BE_NEW);
        }

        @Test
        void
                givenNoHistory_whenAddingAnApiKeyIntegrationWithoutItsKey_thenRefusedBecauseTheAuthenticationNeedsItsSecret() {
            givenNoHistory()
                    .when(add(apiKeySpecKeepingTheKey(), true))
                    .thenRefusedWith(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
        }

        @Test
        void
                givenNoHistory_whenAddingAnOAuth2IntegrationWithoutItsClientSecret_thenRefusedBecauseTheAuthenticationNeedsItsSecret() {
            givenNoHistory()
                    .when(add(oauth2SpecKeepingTheSecret(), true))
                    .thenRefusedWith(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
        }
    }

    @Nested
    class CommandsOnAMissingIntegration {

        @Test
        void givenNoHistory_whenEditing_thenRefusedBecauseTheIntegrationMustExist() {
            givenNoHistory()
                    .when(edit(OTHER_NAME, BASE, PARAMETERS, apiKeySpec(API_KEY)))
                    .thenRefusedWith(Rule.INTEGRATION_MUST_EXIST);
        }

        @Test
        void givenNoHistory_whenActivating_thenRefusedBecauseTheIntegrationMustExist() {
            givenNoHistory().when(activate()).thenRefusedWith(Rule.INTEGRATION_MUST_EXIST);
        }

        @Test
        void givenNoHistory_whenDeactivating_thenRefusedBecauseTheIntegrationMustExist() {
            givenNoHistory().when(deactivate()).thenRefusedWith(Rule.INTEGRATION_MUST_EXIST);
        }
    }

    @Nested
    class CommandsFromAnotherCompany {

        @Test
        void givenAnIntegrationOfAnotherCompany_whenEditingIt_thenRefusedBecauseItBelongsToItsCompany() {
            given(addedByAnotherCompany())
                    .when(edit(OTHER_NAME, BASE, PARAMETERS, apiKeySpecKeepingTheKey()))
                    .thenRefusedWith(Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY);
        }

        @Test
        void givenAnInactiveIntegrationOfAnotherCompany_whenActivatingIt_thenRefusedBecauseItBelongsToItsCompany() {
            given(addedByAnotherCompany(), new IntegrationEvent.IntegrationDeactivated(ID, OTHER_COMPANY, EDITED_AT))
                    .when(activate())
                    .thenRefusedWith(Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY);
        }

        @Test
        void givenAnActiveIntegrationOfAnotherCompany_whenDeactivatingIt_thenRefusedBecauseItBelongsToItsCompany() {
            given(addedByAnotherCompany()).when(deactivate()).thenRefusedWith(Rule.INTEGRATION_BELONGS_TO_ITS_COMPANY);
        }

        @Test
        void givenAnIntegrationOfAnotherCompany_whenAddingOneWithTheSameId_thenRefusedBecauseTheIdMustBeNew() {
            given(addedByAnotherCompany())
                    .when(add(apiKeySpec(API_KEY), true))
                    .thenRefusedWith(Rule.INTEGRATION_ID_MUST_BE_NEW);
        }
    }

    @Nested
    class ActivatingAndDeactivating {

        @Test
        void givenAnActiveIntegration_whenActivating_thenNoEvent() {
            given(addedWithApiKey(true)).when(activate()).thenExpectNoEvent();
        }

        @Test
        void givenAnInactiveIntegration_whenActivating_thenIntegrationActivated() {
            given(addedWithApiKey(false)).when(activate()).thenExpect(activated());
        }

        @Test
        void givenAnActiveIntegration_whenDeactivating_thenIntegrationDeactivated() {
            given(addedWithApiKey(true)).when(deactivate()).thenExpect(deactivated());
        }

        @Test
        void givenAnInactiveIntegration_whenDeactivating_thenNoEvent() {
            given(addedWithApiKey(false)).when(deactivate()).thenExpectNoEvent();
        }

        @Test
        void givenAnIntegrationDeactivatedThenActivated_whenActivating_thenNoEvent() {
            given(
                            addedWithApiKey(true),
                            deactivated(EDITED_AT),
                            new IntegrationEvent.IntegrationActivated(ID, COMPANY, EDITED_AT))
                    .when(new ActivateIntegration(ID, COMPANY, ACTOR, LATER))
                    .thenExpectNoEvent();
        }

        @Test
        void givenAnIntegrationThatWasDeactivated_whenDeactivatingAgain_thenNoEvent() {
            given(addedWithApiKey(true), deactivated(EDITED_AT))
                    .when(new DeactivateIntegration(ID, COMPANY, ACTOR, LATER))
                    .thenExpectNoEvent();
        }
    }

    @Nested
    class Editing {

        @Test
        void givenAnIntegration_whenEditingWithTheSameFieldsAndTheSameSecret_thenNoEvent() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, BASE, PARAMETERS, apiKeySpec(API_KEY)))
                    .thenExpectNoEvent();
        }

        @Test
        void givenAnIntegration_whenEditingWithTheSameFieldsAndNoSecret_thenNoEvent() {
            given(addedWithOAuth2())
                    .when(edit(NAME, BASE, PARAMETERS, oauth2SpecKeepingTheSecret()))
                    .thenExpectNoEvent();
        }

        @Test
        void givenAnIntegration_whenRenamingIt_thenIntegrationEditedWithAllTheNewFields() {
            given(addedWithApiKey(true))
                    .when(edit(OTHER_NAME, BASE, PARAMETERS, apiKeySpecKeepingTheKey()))
                    .thenExpect(edited(OTHER_NAME, BASE, PARAMETERS, apiKey(API_KEY)));
        }

        @Test
        void givenAnIntegration_whenChangingItsBaseUrlOnTheSameOrigin_thenIntegrationEditedKeepingTheKey() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, BASE_ON_THE_SAME_ORIGIN, PARAMETERS, apiKeySpecKeepingTheKey()))
                    .thenExpect(edited(NAME, BASE_ON_THE_SAME_ORIGIN, PARAMETERS, apiKey(API_KEY)));
        }

        @Test
        void storedApiKeyIsNotSentToANewOrigin() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, OTHER_BASE, PARAMETERS, apiKeySpecKeepingTheKey()))
                    .thenRefusedWith(Rule.SECRET_BOUND_TO_ORIGIN, "authentication.apiKey");
        }

        @Test
        void givenAnIntegration_whenChangingItsBaseUrlToAnotherOriginWithTheKeyGivenAgain_thenIntegrationEdited() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, OTHER_BASE, PARAMETERS, apiKeySpec(API_KEY)))
                    .thenExpect(edited(NAME, OTHER_BASE, PARAMETERS, apiKey(API_KEY)));
        }

        @Test
        void storedClientSecretIsNotSentToANewTokenEndpointOrigin() {
            given(addedWithOAuth2())
                    .when(editAuthentication(oauth2SpecKeepingTheSecret(TOKEN_URL_ON_ANOTHER_ORIGIN)))
                    .thenRefusedWith(Rule.SECRET_BOUND_TO_ORIGIN, "authentication.clientSecret");
        }

        @Test
        void givenAnOAuth2Integration_whenMovingTheTokenEndpointOnItsOrigin_thenTheStoredSecretIsKept() {
            given(addedWithOAuth2())
                    .when(editAuthentication(oauth2SpecKeepingTheSecret(TOKEN_URL_ON_THE_SAME_ORIGIN)))
                    .thenExpect(editedAuthentication(new Authentication.OAuth2(
                            AUTHENTICATION_URL,
                            TOKEN_URL_ON_THE_SAME_ORIGIN,
                            CLIENT_ID,
                            CLIENT_SECRET,
                            PROPOSED_REDIRECT,
                            Scopes.NONE)));
        }

        @Test
        void givenAnOAuth2Integration_whenChangingTheBaseUrlOrigin_thenTheClientSecretIsKeptForItsTokenEndpoint() {
            given(addedWithOAuth2())
                    .when(edit(NAME, OTHER_BASE, PARAMETERS, oauth2SpecKeepingTheSecret()))
                    .thenExpect(edited(NAME, OTHER_BASE, PARAMETERS, oauth2(CLIENT_SECRET, PROPOSED_REDIRECT)));
        }

        @Test
        void givenAnIntegration_whenChangingItsRequestParameters_thenIntegrationEditedWithAllTheNewFields() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, BASE, OTHER_PARAMETERS, apiKeySpecKeepingTheKey()))
                    .thenExpect(edited(NAME, BASE, OTHER_PARAMETERS, apiKey(API_KEY)));
        }

        @Test
        void givenAnIntegration_whenRemovingItsRequestParameters_thenIntegrationEditedWithoutThem() {
            given(addedWithApiKey(true))
                    .when(edit(NAME, BASE, RequestParameters.NONE, apiKeySpecKeepingTheKey()))
                    .thenExpect(edited(NAME, BASE, RequestParameters.NONE, apiKey(API_KEY)));
        }

        @Test
        void givenAnIntegration_whenChangingEveryField_thenIntegrationEditedWithAllTheNewFields() {
            given(addedWithApiKey(true))
                    .when(edit(OTHER_NAME, OTHER_BASE, OTHER_PARAMETERS, apiKeySpec(OTHER_API_KEY)))
                    .thenExpect(edited(OTHER_NAME, OTHER_BASE, OTHER_PARAMETERS, apiKey(OTHER_API_KEY)));
        }

        @Test
        void givenAnApiKeyIntegration_whenEditingWithANewKey_thenIntegrationEditedWithTheNewKey() {
            given(addedWithApiKey(true))
                    .when(editAuthentication(apiKeySpec(OTHER_API_KEY)))
                    .thenExpect(editedAuthentication(apiKey(OTHER_API_KEY)));
        }

        @Test
        void givenAnOAuth2Integration_whenEditingTheClientIdWithoutTheSecret_thenTheStoredSecretIsKept() {
            given(addedWithOAuth2())
                    .when(editAuthentication(oauth2SpecKeepingTheSecret(OTHER_CLIENT_ID)))
                    .thenExpect(editedAuthentication(new Authentication.OAuth2(
                            AUTHENTICATION_URL,
                            TOKEN_URL,
                            OTHER_CLIENT_ID,
                            CLIENT_SECRET,
                            PROPOSED_REDIRECT,
                            Scopes.NONE)));
        }

        @Test
        void givenAnOAuth2Integration_whenOnlyTheScopesChange_thenIntegrationEditedWithTheNewScopes() {
            Scopes scopes = Scopes.of("openid", "files.read");
            given(addedWithOAuth2())
                    .when(editAuthentication(
                            new OAuth2Spec<>(AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, Optional.empty(), scopes)))
                    .thenExpect(editedAuthentication(new Authentication.OAuth2(
                            AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, CLIENT_SECRET, PROPOSED_REDIRECT, scopes)));
        }

        @Test
        void givenAnOAuth2IntegrationWithScopes_whenEditedWithTheSameScopes_thenNoEvent() {
            Scopes scopes = Scopes.of("openid", "files.read");
            given(added(
                            new Authentication.OAuth2(
                                    AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, CLIENT_SECRET, PROPOSED_REDIRECT, scopes),
                            true))
                    .when(editAuthentication(
                            new OAuth2Spec<>(AUTHENTICATION_URL, TOKEN_URL, CLIENT_ID, Optional.empty(), scopes)))
                    .thenExpectNoEvent();
        }

        @Test
        void givenAnOAuth2IntegrationWithScopes_whenEditedWithTheSameScopesInAnotherOrder_thenIntegrationEdited() {
            given(added(
                            new Authentication.OAuth2(
                                    AUTHENTICATION_URL,
                                    TOKEN_URL,
                                    CLIENT_ID,
                                    CLIENT_SECRET,
                                    PROPOSED_REDIRECT,
                                    Scopes.of("openid", "files.read")),
                            true))
                    .when(editAuthentication(new OAuth2Spec<>(
                            AUTHENTICATION_URL,
                            TOKEN_URL,
                            CLIENT_ID,
                            Optional.empty(),
                            Scopes.of("files.read", "openid"))))
                    .thenExpect(editedAuthentication(new Authentication.OAuth2(
                            AUTHENTICATION_URL,
                            TOKEN_URL,
                            CLIENT_ID,
                            CLIENT_SECRET,
                            PROPOSED_REDIRECT,
                            Scopes.of("files.read", "openid"))));
        }

        @Test
        void givenAnOAuth2Integration_whenEditingWithANewClientSecret_thenIntegrationEditedWithTheNewSecret() {
            given(addedWithOAuth2())
                    .when(editAuthentication(oauth2Spec(OTHER_CLIENT_SECRET)))
                    .thenExpect(editedAuthentication(oauth2(OTHER_CLIENT_SECRET, PROPOSED_REDIRECT)));
        }
    }

    @Nested
    class SwitchingAuthenticationType {

        @Test
        void givenAnOAuth2Integration_whenSwitchingToApiKeyWithAKey_thenIntegrationEditedWithTheApiKeyOnly() {
            given(addedWithOAuth2())
                    .when(editAuthentication(apiKeySpec(API_KEY)))
                    .thenExpect(editedAuthentication(apiKey(API_KEY)));
        }

        @Test
        void givenAnApiKeyIntegration_whenSwitchingToOAuth2WithAClientSecret_thenIntegrationEditedWithOAuth2() {
            given(addedWithApiKey(true))
                    .when(editAuthentication(oauth2Spec(CLIENT_SECRET)))
                    .thenExpect(editedAuthentication(oauth2(CLIENT_SECRET, LATER_PROPOSED_REDIRECT)));
        }

        @Test
        void
                givenAnOAuth2Integration_whenSwitchingToApiKeyWithoutAKey_thenRefusedBecauseTheAuthenticationNeedsItsSecret() {
            given(addedWithOAuth2())
                    .when(editAuthentication(apiKeySpecKeepingTheKey()))
                    .thenRefusedWith(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
        }

        @Test
        void
                givenAnApiKeyIntegration_whenSwitchingToOAuth2WithoutAClientSecret_thenRefusedBecauseTheAuthenticationNeedsItsSecret() {
            given(addedWithApiKey(true))
                    .when(editAuthentication(oauth2SpecKeepingTheSecret()))
                    .thenRefusedWith(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
        }

        @Test
        void
                givenAnIntegrationSwitchedFromOAuth2ToApiKey_whenSwitchingBackWithoutAClientSecret_thenRefusedBecauseTheOldSecretIsGone() {
            given(addedWithOAuth2(), editedAuthentication(apiKey(API_KEY)))
                    .when(editAuthentication(oauth2SpecKeepingTheSecret(), LATER))
                    .thenRefusedWith(Rule.NEW_AUTHENTICATION_NEEDS_ITS_SECRET);
        }
    }

    @Nested
    class TheRedirectUri {

        @Test
        void givenAnOAuth2Integration_whenEditingWithAnotherProposedRedirectUri_thenTheRedirectUriStaysTheSame() {
            given(addedWithOAuth2())
                    .when(edit(
                            NAME,
                            BASE,
                            PARAMETERS,
                            oauth2SpecKeepingTheSecret(OTHER_CLIENT_ID),
                            LATER_PROPOSED_REDIRECT))
                    .thenExpect(editedAuthentication(new Authentication.OAuth2(
                            AUTHENTICATION_URL,
                            TOKEN_URL,
                            OTHER_CLIENT_ID,
                            CLIENT_SECRET,
                            PROPOSED_REDIRECT,
                            Scopes.NONE)));
        }

        @Test
        void givenAnOAuth2Integration_whenOnlyAnotherRedirectUriIsProposed_thenNoEvent() {
            EditIntegration sameFieldsOtherProposal =
                    edit(NAME, BASE, PARAMETERS, oauth2SpecKeepingTheSecret(), LATER_PROPOSED_REDIRECT);
            given(addedWithOAuth2()).when(sameFieldsOtherProposal).thenExpectNoEvent();
        }

        @Test
        void givenAnIntegrationSwitchedFromOAuth2ToApiKey_whenSwitchingBackToOAuth2_thenTheFirstRedirectUriComesBack() {
            given(addedWithOAuth2(), editedAuthentication(apiKey(API_KEY)))
                    .when(editAuthentication(oauth2Spec(OTHER_CLIENT_SECRET), LATER))
                    .thenExpect(editedAuthentication(oauth2(OTHER_CLIENT_SECRET, PROPOSED_REDIRECT), LATER));
        }

        @Test
        void givenAnApiKeyIntegrationThatChoseOAuth2ByAnEdit_whenEditingAgain_thenTheRedirectUriOfThatEditStays() {
            RedirectUri chosenAtTheEdit = LATER_PROPOSED_REDIRECT;
            RedirectUri proposedAfterwards = new RedirectUri("https://registry.example/oauth2/callback/third");
            given(addedWithApiKey(true), editedAuthentication(oauth2(CLIENT_SECRET, chosenAtTheEdit)))
                    .when(edit(OTHER_NAME, BASE, PARAMETERS, oauth2SpecKeepingTheSecret(), proposedAfterwards))
                    .thenExpect(edited(OTHER_NAME, BASE, PARAMETERS, oauth2(CLIENT_SECRET, chosenAtTheEdit)));
        }
    }
}
