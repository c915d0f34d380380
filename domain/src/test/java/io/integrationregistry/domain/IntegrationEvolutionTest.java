package io.integrationregistry.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.integrationregistry.domain.Examples.*;
import static org.assertj.core.api.Assertions.assertThat;

/** How events fold into the state of an integration. */
class IntegrationEvolutionTest {

    @Test
    void givenNoEvent_whenReplaying_thenNothingIsRegistered() {
        assertThat(IntegrationDecider.replay(List.of())).isEqualTo(IntegrationState.UNREGISTERED);
        assertThat(IntegrationDecider.initialState()).isEqualTo(IntegrationState.UNREGISTERED);
    }

    @Test
    void givenTheInitialState_whenAnIntegrationIsAdded_thenItHasTheAddedFieldsAndWasCreatedAndUpdatedThen() {
        IntegrationState state = IntegrationDecider.evolve(IntegrationDecider.initialState(), addedWithApiKey(true));

        assertThat(state)
                .isEqualTo(new Integration(
                        ID, COMPANY, NAME, BASE, PARAMETERS, apiKey(API_KEY), true, null, ADDED_AT, ADDED_AT));
        assertThat(((Integration) state).status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(((Integration) state).redirectUri()).isEmpty();
    }

    @Test
    void givenAnInactiveAddition_whenReplaying_thenTheIntegrationIsInactive() {
        Integration integration = replay(addedWithApiKey(false));

        assertThat(integration.active()).isFalse();
        assertThat(integration.status()).isEqualTo(IntegrationStatus.INACTIVE);
    }

    @Test
    void givenAnOAuth2Addition_whenReplaying_thenTheIntegrationHoldsItsRedirectUri() {
        Integration integration = replay(addedWithOAuth2());

        assertThat(integration.redirectUri()).contains(PROPOSED_REDIRECT);
        assertThat(integration.authentication()).isEqualTo(oauth2(CLIENT_SECRET, PROPOSED_REDIRECT));
    }

    @Test
    void givenAnAddedIntegration_whenItIsEdited_thenItHasTheNewFieldsKeepsItsStatusAndCreationTime() {
        Integration integration =
                replay(addedWithApiKey(false), edited(OTHER_NAME, OTHER_BASE, OTHER_PARAMETERS, apiKey(OTHER_API_KEY)));

        assertThat(integration)
                .isEqualTo(new Integration(
                        ID,
                        COMPANY,
                        OTHER_NAME,
                        OTHER_BASE,
                        OTHER_PARAMETERS,
                        apiKey(OTHER_API_KEY),
                        false,
                        null,
                        ADDED_AT,
                        EDITED_AT));
    }

    @Test
    void givenAnActiveIntegration_whenItIsDeactivated_thenItIsInactiveAndWasUpdatedThen() {
        Integration integration = replay(addedWithApiKey(true), deactivated());

        assertThat(integration.status()).isEqualTo(IntegrationStatus.INACTIVE);
        assertThat(integration.createdAt()).isEqualTo(ADDED_AT);
        assertThat(integration.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void givenAnInactiveIntegration_whenItIsActivated_thenItIsActiveAndWasUpdatedThen() {
        Integration integration = replay(addedWithApiKey(false), activated());

        assertThat(integration.status()).isEqualTo(IntegrationStatus.ACTIVE);
        assertThat(integration.createdAt()).isEqualTo(ADDED_AT);
        assertThat(integration.updatedAt()).isEqualTo(LATER);
        assertThat(integration.name()).isEqualTo(NAME);
    }

    @Test
    void givenAnOAuth2IntegrationSwitchedToApiKey_whenReplaying_thenTheIssuedRedirectUriIsRemembered() {
        Integration integration = replay(addedWithOAuth2(), editedAuthentication(apiKey(API_KEY)));

        assertThat(integration.authentication()).isEqualTo(apiKey(API_KEY));
        assertThat(integration.redirectUri()).contains(PROPOSED_REDIRECT);
    }

    @Test
    void givenAHistory_whenReplaying_thenTheStateIsTheFoldOfEvolveOverIt() {
        List<IntegrationEvent> history = List.of(
                addedWithOAuth2(), deactivated(EDITED_AT), editedAuthentication(apiKey(API_KEY), LATER), activated());

        IntegrationState folded = IntegrationDecider.initialState();
        for (IntegrationEvent event : history) {
            folded = IntegrationDecider.evolve(folded, event);
        }

        assertThat(IntegrationDecider.replay(history))
                .isEqualTo(folded)
                .isEqualTo(new Integration(
                        ID,
                        COMPANY,
                        NAME,
                        BASE,
                        PARAMETERS,
                        apiKey(API_KEY),
                        true,
                        PROPOSED_REDIRECT,
                        ADDED_AT,
                        LATER));
    }

    @Test
    void givenTheEventsADecisionEmits_whenFoldedIn_thenTheDecisionOnTheNewStateChangesNothing() {
        IntegrationState state = IntegrationDecider.replay(List.of(addedWithApiKey(true)));
        IntegrationCommand rename = edit(OTHER_NAME, BASE, PARAMETERS, apiKeySpecKeepingTheKey());

        for (IntegrationEvent event : IntegrationDecider.decide(rename, state)) {
            state = IntegrationDecider.evolve(state, event);
        }

        assertThat(((Integration) state).name()).isEqualTo(OTHER_NAME);
        assertThat(IntegrationDecider.decide(rename, state)).isEmpty();
    }

    private static Integration replay(IntegrationEvent... history) {
        return (Integration) IntegrationDecider.replay(List.of(history));
    }
}
