package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.integrations.port.in.AuthenticationView;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.integrations.port.in.IntegrationView;
import io.integrationregistry.application.integrations.port.in.Receipt;
import io.integrationregistry.application.integrations.port.in.SecretView;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.AuthenticationType;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationStatus;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.Scopes;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The scopes of an OAuth2 integration over HTTP: read from the body with every broken token named, and shown. */
class IntegrationScopesSliceTest extends WebLayerSlice {

    private static final String OAUTH2 = """
            {"name": "Drive", "baseApiUrl": "https://drive.example/api",
             "authentication": {"type": "OAUTH2", "authenticationUrl": "https://auth.example/authorize",
              "tokenEndpointUrl": "https://auth.example/token", "clientId": "registry",
              "clientSecret": "client-secret-0123456789", "scopes": %s}}""";

    @Test
    void theScopesReachThePortInTheirOrderAndAreShownInTheAnswer() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenReturn(receipt(List.of("openid", "files.read")));

        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OAUTH2.formatted("[\"openid\", \"files.read\"]")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.authentication.scopes", contains("openid", "files.read")));

        ArgumentCaptor<IntegrationDraft> draft = ArgumentCaptor.forClass(IntegrationDraft.class);
        verify(management).add(any(), draft.capture(), anyBoolean(), any());
        assertThat(((AuthenticationSpec.OAuth2Spec<PlainSecret>)
                                draft.getValue().authentication())
                        .scopes())
                .isEqualTo(Scopes.of("openid", "files.read"));
    }

    @Test
    void scopesLeftOutNullOrEmptyAreNone() throws Exception {
        when(management.add(any(), any(), anyBoolean(), any())).thenReturn(receipt(List.of()));

        for (String none : List.of("[]", "null")) {
            mvc.perform(post("/api/integrations")
                            .with(admin())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(OAUTH2.formatted(none)))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.authentication.scopes").isEmpty());
        }
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OAUTH2.formatted("[]").replace(", \"scopes\": []", "")))
                .andExpect(status().isCreated());

        ArgumentCaptor<IntegrationDraft> draft = ArgumentCaptor.forClass(IntegrationDraft.class);
        verify(management, org.mockito.Mockito.times(3)).add(any(), draft.capture(), anyBoolean(), any());
        assertThat(draft.getAllValues())
                .extracting(sent -> ((AuthenticationSpec.OAuth2Spec<PlainSecret>) sent.authentication()).scopes())
                .containsOnly(Scopes.NONE);
    }

    @Test
    void everyBrokenScopeIsNamedByItsIndexTogetherWithTheOtherBrokenFields() throws Exception {
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(OAUTH2.formatted("[\"openid\", \"files read\", 7, \"\", \"openid\", \"a\\\"b\"]")
                                .replace("\"Drive\"", "\"\"")))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath(
                        "$.errors[*].field",
                        containsInAnyOrder(
                                "name",
                                "authentication.scopes[1]",
                                "authentication.scopes[2]",
                                "authentication.scopes[3]",
                                "authentication.scopes[4]",
                                "authentication.scopes[5]")))
                .andExpect(jsonPath(
                        "$.errors[?(@.field == 'authentication.scopes[2]')].rule", contains("must be a string")))
                .andExpect(jsonPath(
                        "$.errors[?(@.field == 'authentication.scopes[4]')].rule",
                        contains("must not repeat authentication.scopes[0]")));

        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void scopesThatAreNoArrayOrMoreThanFiftyAreRefusedAsAList() throws Exception {
        String fiftyOne =
                IntStream.range(0, 51).mapToObj(i -> "\"s" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        for (String scopes : List.of("\"openid files.read\"", fiftyOne)) {
            mvc.perform(post("/api/integrations")
                            .with(admin())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(OAUTH2.formatted(scopes)))
                    .andExpect(problem(400, "invalid-request"))
                    .andExpect(jsonPath("$.errors[*].field", contains("authentication.scopes")));
        }

        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    @Test
    void anApiKeyIntegrationHasNoScopes() throws Exception {
        mvc.perform(post("/api/integrations")
                        .with(admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Maps", "baseApiUrl": "https://maps.example",
                                 "authentication": {"type": "API_KEY", "apiKey": "k-0123456789abcdef",
                                  "scopes": ["openid"]}}"""))
                .andExpect(problem(400, "invalid-request"))
                .andExpect(jsonPath("$.errors[*].field", contains("authentication.scopes")))
                .andExpect(jsonPath("$.errors[0].rule").value("is not a field of API_KEY authentication"));

        verify(management, never()).add(any(), any(), anyBoolean(), any());
    }

    private static Receipt receipt(List<String> scopes) {
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        return new Receipt(
                new IntegrationId(INTEGRATION),
                0,
                true,
                new IntegrationView(
                        INTEGRATION,
                        COMPANY,
                        "Drive",
                        "https://drive.example/api",
                        "",
                        IntegrationStatus.ACTIVE,
                        0,
                        at,
                        at,
                        "alice",
                        new AuthenticationView(
                                AuthenticationType.OAUTH2,
                                "https://auth.example/authorize",
                                "https://auth.example/token",
                                "registry",
                                new SecretView(true, "6789"),
                                "https://registry.example/oauth2/callback/" + INTEGRATION,
                                scopes,
                                null)));
    }
}
