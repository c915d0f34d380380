package io.integrationregistry.adapters.rest.connections;

import io.integrationregistry.adapters.rest.WebLayerSlice;
import io.integrationregistry.application.connections.AuthorizationRefused;
import io.integrationregistry.application.connections.NotAnOAuth2Integration;
import io.integrationregistry.application.connections.port.in.ConnectionStatus;
import io.integrationregistry.application.connections.port.in.ConnectionView;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts.AuthorizationStart;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.application.shared.Origin;
import io.integrationregistry.application.shared.StorageUnavailable;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OAuth2 handshake over HTTP: starting, reading and ending a connection reach the connecting port with the
 * caller; the provider's redirect back reaches it with its code, state and the browser's binding cookie.
 */
class ConnectionsRestControllerSliceTest extends WebLayerSlice {

    private static final String OAUTH2 = "/api/integrations/" + INTEGRATION + "/oauth2";
    private static final String CALLBACK = "/oauth2/callback/" + INTEGRATION;
    private static final String COOKIE = "registry_oauth2_browser";
    private static final IntegrationId ID = new IntegrationId(INTEGRATION);
    private static final URI PROVIDER =
            URI.create("https://login.provider.example/authorize?response_type=code" + "&client_id=registry&state=s-1");

    // --- inputs mapped to the port, answers rendered ---

    @Test
    void startingRedirectsToTheProviderAndBindsTheBrowserWithACookie() throws Exception {
        when(accounts.startAuthorization(any(), any())).thenReturn(new AuthorizationStart(PROVIDER, "binding-1"));

        mvc.perform(get(OAUTH2 + "/authorize").with(documentUser()).header("X-Request-Id", "req-oauth-1"))
                .andExpect(status().isFound())
                .andExpect(header().string(HttpHeaders.LOCATION, PROVIDER.toString()))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().string(
                                HttpHeaders.SET_COOKIE,
                                allOf(
                                        containsString(COOKIE + "=binding-1"),
                                        containsString("Path=" + CALLBACK),
                                        containsString("HttpOnly"),
                                        containsString("SameSite=Lax"))));

        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        verify(accounts).startAuthorization(caller.capture(), eq(ID));
        assertThat(caller.getValue().actor().login()).isEqualTo("dora");
        assertThat(caller.getValue().company()).isEqualTo(new CompanyId(COMPANY));
        assertThat(caller.getValue().origin()).isEqualTo(new Origin("req-oauth-1", Origin.Source.API));
    }

    @Test
    void startingFromAPageAnswersTheUrlAsJson() throws Exception {
        when(accounts.startAuthorization(any(), any())).thenReturn(new AuthorizationStart(PROVIDER, "binding-2"));

        mvc.perform(get(OAUTH2 + "/authorize").with(admin()).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.authorizationUrl").value(PROVIDER.toString()))
                .andExpect(header().string(HttpHeaders.SET_COOKIE, containsString(COOKIE + "=binding-2")));
    }

    @Test
    void theConnectionIsReadAndForgottenForTheCaller() throws Exception {
        when(accounts.connection(any(), any()))
                .thenReturn(new ConnectionView(
                        ConnectionStatus.CONNECTED,
                        Instant.parse("2026-12-07T09:00:00Z"),
                        Instant.parse("2026-12-07T08:00:00Z"),
                        null,
                        "documents openid"));

        mvc.perform(get(OAUTH2 + "/connection").with(documentUser()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONNECTED"))
                .andExpect(jsonPath("$.expiresAt").isNotEmpty())
                .andExpect(jsonPath("$.grantedScope").value("documents openid"));
        mvc.perform(delete(OAUTH2 + "/connection").with(documentUser())).andExpect(status().isNoContent());

        verify(accounts).connection(any(Caller.class), eq(ID));
        ArgumentCaptor<Caller> caller = ArgumentCaptor.forClass(Caller.class);
        verify(accounts).disconnect(caller.capture(), eq(ID));
        assertThat(caller.getValue().actor().login()).isEqualTo("dora");
    }

    @Test
    void theProvidersRedirectBackCompletesTheFlowWithoutASignIn() throws Exception {
        when(accounts.completeAuthorization(any(), any(), any(), any(), any(), any()))
                .thenReturn(new ConnectionView(ConnectionStatus.CONNECTED, null, null, null));

        mvc.perform(get(CALLBACK).param("code", "code-1").param("state", "s-1").cookie(new Cookie(COOKIE, "binding-1")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("Your account is connected.")))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                // the binding is spent
                .andExpect(header().string(
                                HttpHeaders.SET_COOKIE,
                                allOf(
                                        containsString(COOKIE + "="),
                                        containsString("Max-Age=0"),
                                        containsString("Path=" + CALLBACK))));

        verify(accounts).completeAuthorization(ID, "code-1", "s-1", null, null, "binding-1");
    }

    // --- failures mapped to problem details (the API) and to pages (the browser's redirect back) ---

    @Test
    void anIntegrationWithoutOAuth2HasNothingToConnect() throws Exception {
        when(accounts.startAuthorization(any(), any())).thenThrow(new NotAnOAuth2Integration(ID));

        mvc.perform(get(OAUTH2 + "/authorize").with(admin())).andExpect(problem(409, "not-oauth2"));
    }

    @Test
    void anUnknownIntegrationOrAnOutageIsAProblem() throws Exception {
        when(accounts.connection(any(), any()))
                .thenThrow(new IntegrationRuleViolation(
                        IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, INTEGRATION));
        doThrow(new StorageUnavailable("connections unreachable", null))
                .when(accounts)
                .disconnect(any(), any());

        mvc.perform(get(OAUTH2 + "/connection").with(admin())).andExpect(problem(404, "not-found"));
        mvc.perform(delete(OAUTH2 + "/connection").with(admin()))
                .andExpect(problem(503, "storage-unavailable"))
                .andExpect(header().exists(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void aRefusedRedirectBackIsAPageQuotingTheProviderEscaped() throws Exception {
        when(accounts.completeAuthorization(any(), any(), any(), any(), any(), any()))
                .thenThrow(new AuthorizationRefused("the provider refused: access_denied", "<b>user said no</b>"));

        mvc.perform(get(CALLBACK).param("error", "access_denied").param("state", "s-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content()
                        .string(allOf(
                                containsString("The provider said:"),
                                containsString("&lt;b&gt;user said no&lt;/b&gt;"),
                                not(containsString("<b>")))))
                // no cookie came, so none is spent
                .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));

        verify(accounts).completeAuthorization(ID, null, "s-1", "access_denied", null, null);
    }

    @Test
    void theCallbackPageShowsTheProvidersErrorDescriptionEscaped() throws Exception {
        when(accounts.completeAuthorization(any(), any(), any(), any(), any(), any()))
                .thenThrow(new AuthorizationRefused(
                        "the provider did not authorize the connection",
                        "invalid_request",
                        "<script>alert(1)</script> missing scope parameter"));

        mvc.perform(get(CALLBACK)
                        .param("error", "invalid_request")
                        .param("error_description", "<script>alert(1)</script> missing scope parameter")
                        .param("state", "s-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("<blockquote><p>invalid_request</p><p>&lt;script&gt;alert(1)"
                                        + "&lt;/script&gt; missing scope parameter</p></blockquote>"),
                                not(containsString("<script>")))));

        verify(accounts)
                .completeAuthorization(
                        ID, null, "s-1", "invalid_request", "<script>alert(1)</script> missing scope parameter", null);
    }

    @Test
    void aRedirectBackThatCannotCompleteIsAPageWithTheMatchingStatus() throws Exception {
        when(accounts.completeAuthorization(any(), eq("timeout"), any(), any(), any(), any()))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "no answer within 10 s"));
        when(accounts.completeAuthorization(any(), eq("refused"), any(), any(), any(), any()))
                .thenThrow(new ProviderFailure(ProviderFailure.Kind.CREDENTIALS_REFUSED, "invalid_client"));
        when(accounts.completeAuthorization(any(), eq("api-key"), any(), any(), any(), any()))
                .thenThrow(new NotAnOAuth2Integration(ID));
        when(accounts.completeAuthorization(any(), eq("gone"), any(), any(), any(), any()))
                .thenThrow(new IntegrationRuleViolation(IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, "x"));

        mvc.perform(get(CALLBACK).param("code", "timeout").param("state", "s"))
                .andExpect(status().isGatewayTimeout())
                .andExpect(content().string(containsString("token endpoint could not be used")));
        mvc.perform(get(CALLBACK).param("code", "refused").param("state", "s")).andExpect(status().isBadGateway());
        mvc.perform(get(CALLBACK).param("code", "api-key").param("state", "s")).andExpect(status().isConflict());
        mvc.perform(get(CALLBACK).param("code", "gone").param("state", "s"))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("This integration does not exist.")));
    }

    @Test
    void aRedirectBackToAMalformedIdIsANotFoundPageThatReachesNoPort() throws Exception {
        mvc.perform(get("/oauth2/callback/not-an-id").param("code", "c").param("state", "s"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));

        verifyNoInteractions(accounts);
    }

    @Test
    void auditorsMayNotConnect() throws Exception {
        mvc.perform(get(OAUTH2 + "/authorize").with(auditor())).andExpect(problem(403, "forbidden"));

        verifyNoInteractions(accounts);
    }
}
