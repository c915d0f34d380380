package io.integrationregistry.adapters.rest;

import io.integrationregistry.adapters.rest.security.Callers;
import io.integrationregistry.application.documents.AuthorizationRefused;
import io.integrationregistry.application.documents.ConnectionView;
import io.integrationregistry.application.documents.NotAnOAuth2Integration;
import io.integrationregistry.application.documents.ProviderFailure;
import io.integrationregistry.application.port.in.ForConnectingAccounts;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The OAuth 2.0 handshake of MISSION §5: a user is sent to the provider with a state, and the
 * provider's browser redirect comes back to the callback, which is open (the state says who it is for)
 * and answers a small page for the person in front of the browser.
 */
@RestController
@Tag(name = "OAuth2 connections", description = "Connect the signed-in user's provider account to an OAuth2 "
        + "integration")
class ConnectionsRestController {

    private final ForConnectingAccounts accounts;

    ConnectionsRestController(ForConnectingAccounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/api/integrations/{id}/oauth2/authorize")
    @Operation(summary = "Start connecting", description = "Answers 302 to the provider's authentication URL with "
            + "response_type=code, client_id, redirect_uri and a single-use state valid for 10 minutes.")
    ResponseEntity<Void> authorize(Authentication authentication, HttpServletRequest request,
                                   @PathVariable String id) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(accounts.authorizationRedirect(Callers.of(authentication).within(RequestIds.of(request)),
                        IntegrationsRestController.integrationId(id)))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    @GetMapping(path = "/api/integrations/{id}/oauth2/authorize", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start connecting, for scripts", description = "With Accept: application/json, answers "
            + "the same authorization URL as {\"authorizationUrl\": …} instead of redirecting to it.")
    ResponseEntity<java.util.Map<String, String>> authorizeAsJson(Authentication authentication,
                                                                  HttpServletRequest request,
                                                                  @PathVariable String id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(java.util.Map.of("authorizationUrl", accounts.authorizationRedirect(
                        Callers.of(authentication).within(RequestIds.of(request)),
                        IntegrationsRestController.integrationId(id)).toString()));
    }

    @GetMapping(path = "/api/integrations/{id}/oauth2/connection", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The signed-in user's connection", description = "NOT_CONNECTED, CONNECTED (with the "
            + "access token's expiry) or RECONNECT_REQUIRED; never a token.")
    ConnectionView connection(Authentication authentication, HttpServletRequest request, @PathVariable String id) {
        return accounts.connection(Callers.of(authentication).within(RequestIds.of(request)),
                IntegrationsRestController.integrationId(id));
    }

    @DeleteMapping("/api/integrations/{id}/oauth2/connection")
    @Operation(summary = "Disconnect", description = "Forgets the signed-in user's tokens for this integration.")
    ResponseEntity<Void> disconnect(Authentication authentication, HttpServletRequest request,
                                    @PathVariable String id) {
        accounts.disconnect(Callers.of(authentication).within(RequestIds.of(request)),
                IntegrationsRestController.integrationId(id));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/oauth2/callback/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(summary = "The redirect URI", description = "Where the provider sends the browser back with "
            + "code and state. Answers a page saying whether the account is connected.")
    ResponseEntity<String> callback(@PathVariable String id, @RequestParam(required = false) String code,
                                    @RequestParam(required = false) String state,
                                    @RequestParam(required = false) String error) {
        try {
            IntegrationId integration = IntegrationsRestController.integrationId(id);
            accounts.completeAuthorization(integration, code, state, error);
            return page(HttpStatus.OK, "Connected", "Your account is connected. You can close this window.");
        } catch (AuthorizationRefused refused) {
            return page(HttpStatus.BAD_REQUEST, "Not connected", refused.getMessage());
        } catch (IntegrationRuleViolation unknown) {
            return page(HttpStatus.NOT_FOUND, "Not connected", "This integration does not exist.");
        } catch (NotAnOAuth2Integration notOAuth2) {
            return page(HttpStatus.CONFLICT, "Not connected", notOAuth2.getMessage());
        } catch (ProviderFailure failure) {
            HttpStatus status = failure.kind() == ProviderFailure.Kind.TIMEOUT ? HttpStatus.GATEWAY_TIMEOUT
                    : HttpStatus.BAD_GATEWAY;
            return page(status, "Not connected", "The provider's token endpoint could not be used: "
                    + failure.getMessage());
        }
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String message) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><main><h1>" + HtmlUtils.htmlEscape(title)
                + "</h1><p>" + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/\">Back to the integrations</a>"
                + "</p></main></body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
