package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.integrations.port.in.ExpectedVersion;
import io.integrationregistry.application.integrations.port.in.PartialDraft;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

/**
 * A request with several mistakes gets one answer naming every broken field: what is wrong in the request
 * itself, and what the use cases' rules refuse in the fields that could be read, judged before anything is
 * stored.
 */
class EveryBrokenFieldSliceTest extends WebLayerSlice {

    private static final String SECRET_REQUIRED = "is required when this authentication type is first chosen";

    @Test
    void aBodyWithSeveralMistakesHasThemAllNamedInOneAnswer() throws Exception {
        when(management.violations(any(), any(), any()))
                .thenReturn(List.of(new InvalidValue("authentication.apiKey", SECRET_REQUIRED)));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "  ", "baseApiUrl": "ftp://files.example/api",
                                 "authentication": {"type": "API_KEY"}}"""))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains("name", "baseApiUrl", "authentication.apiKey")))
                .andExpect(jsonPath("$.errors[2].rule").value(SECRET_REQUIRED))
                .andExpect(jsonPath("$.errors[2].message").value("authentication.apiKey " + SECRET_REQUIRED));

        ArgumentCaptor<PartialDraft> judged = ArgumentCaptor.forClass(PartialDraft.class);
        verify(management).violations(any(), eq(Optional.empty()), judged.capture());
        assertThat(judged.getValue().name()).isEmpty();
        assertThat(judged.getValue().baseApiUrl()).isEmpty();
        assertThat(judged.getValue().authenticationType()).contains(AuthenticationType.API_KEY);
        assertThat(judged.getValue().secretLeftOut()).isTrue();
        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void aMalformedUrlIsNamedInWordsNotWithTheParsersReason() throws Exception {
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Spaced", "baseApiUrl": "https://docs.acme .example/api",
                                 "authentication": {"type": "API_KEY", "apiKey": "spaced-key"}}"""))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("baseApiUrl"))
                .andExpect(jsonPath("$.errors[0].message")
                        .value("baseApiUrl must be a well-formed URL: it contains a character that is not allowed"
                                + " in a URL, such as a space"));
    }

    @Test
    void theRulesJudgedAreMergedInTheOrderOfTheFieldsAndNamedOnce() throws Exception {
        InvalidValue privateAddress =
                new InvalidValue("baseApiUrl", "must be a provider the service may call: a private address");
        when(management.violations(any(), any(), any()))
                .thenReturn(List.of(
                        privateAddress,
                        new InvalidValue("authentication.clientSecret", SECRET_REQUIRED),
                        new InvalidValue("authentication.clientSecret", SECRET_REQUIRED)));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "CRM", "baseApiUrl": "https://10.0.0.1/api",
                                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.example/a",
                                   "tokenEndpointUrl": "https://auth.example/t", "clientId": 42}}"""))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath(
                        "$.errors[*].field",
                        contains("baseApiUrl", "authentication.clientId", "authentication.clientSecret")));

        ArgumentCaptor<PartialDraft> judged = ArgumentCaptor.forClass(PartialDraft.class);
        verify(management).violations(any(), any(), judged.capture());
        assertThat(judged.getValue().baseApiUrl()).isPresent();
        assertThat(judged.getValue().tokenEndpointUrl()).isPresent();
        assertThat(judged.getValue().secretLeftOut()).isTrue();
        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void aWellFormedBodyBreakingSeveralRulesIsRefusedInOneAnswerBeforeAnythingIsAdded() throws Exception {
        when(management.violations(any(), any(), any()))
                .thenReturn(List.of(
                        new InvalidValue("baseApiUrl", "must use https"),
                        new InvalidValue("authentication.apiKey", SECRET_REQUIRED)));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "CRM", "baseApiUrl": "http://crm.example/api",
                                 "authentication": {"type": "API_KEY"}}"""))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains("baseApiUrl", "authentication.apiKey")));

        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void anEditIsJudgedForItsIntegrationAndAnUnknownOneIsNotFound() throws Exception {
        when(management.violations(
                        any(), eq(Optional.of(new IntegrationId(INTEGRATION))), eq(ExpectedVersion.of(3)), any()))
                .thenReturn(List.of(new InvalidValue("authentication.clientSecret", SECRET_REQUIRED)))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, INTEGRATION));
        String typeChangedWithoutSecretAndBadName = """
                {"name": "", "baseApiUrl": "https://crm.example/api",
                 "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.example/a",
                   "tokenEndpointUrl": "https://auth.example/t", "clientId": "registry"}}""";

        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"3\"")
                        .content(typeChangedWithoutSecretAndBadName))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains("name", "authentication.clientSecret")));
        mvc.perform(put("/api/integrations/{id}", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.IF_MATCH, "\"3\"")
                        .content(typeChangedWithoutSecretAndBadName))
                .andExpect(problem(404, "not-found"));

        verify(management, never()).edit(any(), any(), any(), any());
    }

    @Test
    void aConnectionTestNamesEveryBrokenFieldOfItsBodyInOneAnswer() throws Exception {
        String broken = """
                {"name": "  ", "baseApiUrl": "ftp://files.example/api", "colour": "red",
                 "authentication": {"type": "API_KEY", "apiKey": 7}}""";

        mvc.perform(post("/api/integrations/test")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(broken))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath(
                        "$.errors[*].field", contains("colour", "name", "baseApiUrl", "authentication.apiKey")));
        mvc.perform(post("/api/integrations/{id}/test", INTEGRATION)
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(broken))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath(
                        "$.errors[*].field", contains("colour", "name", "baseApiUrl", "authentication.apiKey")));

        verifyNoInteractions(connectionTests);
    }
}
