package io.integrationregistry.adapters.rest.connections;

import io.integrationregistry.adapters.rest.IntegrationIdConverter;
import io.integrationregistry.application.connections.AuthorizationRefused;
import io.integrationregistry.application.connections.NotAnOAuth2Integration;
import io.integrationregistry.application.connections.port.in.ConnectionView;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts.AuthorizationStart;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.time.Duration;

/**
 * The OAuth 2.0 handshake: a user is sent to the provider with a state, and the
 * provider's browser redirect comes back to the callback, which is open (the state says who it is for)
 * and answers a small page for the person in front of the browser.
 */
@RestController
@Tag(
        name = "OAuth2 connections",
        description = "Connect the signed-in user's provider account to an OAuth2 " + "integration")
class ConnectionsRestController {

    /**
     * The cookie that binds a started authorization to the browser that started it. Its path is the
     * integration's callback alone, so the browser sends it nowhere else; Lax, so that the provider's
     * redirect back (a top-level GET navigation) still carries it; HttpOnly; Secure when the registry is
     * served over HTTPS; and it lives as long as the state does.
     */
    static final String BROWSER_BINDING_COOKIE = "registry_oauth2_browser";

    private static final Duration BINDING_LIFETIME = Duration.ofMinutes(10);

    private final ForConnectingAccounts accounts;
    private final boolean secureCookies;

    ConnectionsRestController(ForConnectingAccounts accounts, @Value("${registry.public-url:}") String publicUrl) {
        this.accounts = accounts;
        this.secureCookies =
                publicUrl.strip().toLowerCase(java.util.Locale.ROOT).startsWith("https:");
    }

    @GetMapping("/api/integrations/{id}/oauth2/authorize")
    @Operation(
            summary = "Start connecting",
            description = "Answers 302 to the provider's authentication URL with "
                    + "response_type=code, client_id, redirect_uri, a single-use state valid for 10 minutes and a PKCE "
                    + "challenge (code_challenge, code_challenge_method=S256) added to the query it already has, and "
                    + "sets a cookie for the callback: the flow completes only in the browser that started it.")
    ResponseEntity<Void> authorize(@PathVariable("id") IntegrationId integration, Caller caller) {
        AuthorizationStart start = accounts.startAuthorization(caller, integration);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(start.redirect())
                .header(HttpHeaders.SET_COOKIE, bindingCookie(integration, start.browserBinding(), BINDING_LIFETIME))
                .cacheControl(CacheControl.noStore())
                .build();
    }

    @GetMapping(path = "/api/integrations/{id}/oauth2/authorize", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start connecting, from a page",
            description =
                    "With Accept: application/json, answers "
                            + "the same authorization URL as {\"authorizationUrl\": …} instead of redirecting to it, and sets the "
                            + "same cookie: the URL must be opened in the browser that asked for it (the request must store "
                            + "cookies, e.g. fetch with credentials 'same-origin'); opened anywhere else, the callback refuses it.")
    ResponseEntity<java.util.Map<String, String>> authorizeAsJson(
            @PathVariable("id") IntegrationId integration, Caller caller) {
        AuthorizationStart start = accounts.startAuthorization(caller, integration);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.SET_COOKIE, bindingCookie(integration, start.browserBinding(), BINDING_LIFETIME))
                .body(java.util.Map.of("authorizationUrl", start.redirect().toString()));
    }

    @GetMapping(path = "/api/integrations/{id}/oauth2/connection", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The signed-in user's connection",
            description = "NOT_CONNECTED, CONNECTED (with the "
                    + "access token's expiry) or RECONNECT_REQUIRED, and the grantedScope the provider named (null when "
                    + "it named none: it granted the scope requested); never a token.")
    ConnectionView connection(Caller caller, @PathVariable("id") IntegrationId integration) {
        return accounts.connection(caller, integration);
    }

    @DeleteMapping("/api/integrations/{id}/oauth2/connection")
    @Operation(summary = "Disconnect", description = "Forgets the signed-in user's tokens for this integration.")
    ResponseEntity<Void> disconnect(Caller caller, @PathVariable("id") IntegrationId integration) {
        accounts.disconnect(caller, integration);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/oauth2/callback/{id}", produces = MediaType.TEXT_HTML_VALUE)
    @Operation(
            summary = "The redirect URI",
            description = "Where the provider sends the browser back with "
                    + "code and state. Answers a page saying whether the account is connected. Refused unless the "
                    + "browser brings the cookie set when it started connecting.")
    ResponseEntity<String> callback(
            @PathVariable String id,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_description", required = false) String errorDescription,
            @CookieValue(name = BROWSER_BINDING_COOKIE, required = false) String binding) {
        IntegrationId integration;
        try {
            integration = IntegrationIdConverter.parse(id);
        } catch (IntegrationRuleViolation unknown) {
            return page(HttpStatus.NOT_FOUND, "Not connected", "This integration does not exist.", null, null, null);
        }
        // The binding is good for one callback, whatever its outcome.
        String spent = binding == null ? null : bindingCookie(integration, "", Duration.ZERO);
        try {
            accounts.completeAuthorization(integration, code, state, error, errorDescription, binding);
            return page(
                    HttpStatus.OK,
                    "Connected",
                    "Your account is connected. You can close this window.",
                    null,
                    null,
                    spent);
        } catch (AuthorizationRefused refused) {
            return page(
                    HttpStatus.BAD_REQUEST,
                    "Not connected",
                    refused.getMessage(),
                    refused.providerSaid().orElse(null),
                    refused.providerExplained().orElse(null),
                    spent);
        } catch (IntegrationRuleViolation unknown) {
            return page(HttpStatus.NOT_FOUND, "Not connected", "This integration does not exist.", null, null, spent);
        } catch (NotAnOAuth2Integration notOAuth2) {
            return page(HttpStatus.CONFLICT, "Not connected", notOAuth2.getMessage(), null, null, spent);
        } catch (ProviderFailure failure) {
            HttpStatus status = failure.kind() == ProviderFailure.Kind.TIMEOUT
                    ? HttpStatus.GATEWAY_TIMEOUT
                    : HttpStatus.BAD_GATEWAY;
            return page(
                    status,
                    "Not connected",
                    "The provider's token endpoint could not be used: " + failure.getMessage(),
                    null,
                    null,
                    spent);
        }
    }

    private String bindingCookie(IntegrationId integration, String value, Duration lifetime) {
        return ResponseCookie.from(BROWSER_BINDING_COOKIE, value)
                .path("/oauth2/callback/" + integration.value())
                .maxAge(lifetime)
                .httpOnly(true)
                .secure(secureCookies)
                .sameSite("Lax")
                .build()
                .toString();
    }

    /**
     * The page the browser lands on. What the provider said (its {@code error} code, and its
     * {@code error_description} below it) is not the registry's word: it is shown apart, as a quotation under
     * "The provider said:", escaped and cut short, so that it cannot pass for the registry's own message.
     */
    private static ResponseEntity<String> page(
            HttpStatus status,
            String title,
            String message,
            String providerSaid,
            String providerExplained,
            String setCookie) {
        String quoted = "";
        if (providerSaid != null && !providerSaid.isBlank()) {
            // Both already cut to 200 characters by the application, which keeps printable characters only.
            String explained = providerExplained == null || providerExplained.isBlank()
                    ? ""
                    : "</p><p>" + HtmlUtils.htmlEscape(providerExplained);
            quoted = "<section><h2>The provider said:</h2><blockquote><p>" + HtmlUtils.htmlEscape(providerSaid)
                    + explained + "</p></blockquote></section>";
        }
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + HtmlUtils.htmlEscape(title) + "</title></head><body><main><h1>" + HtmlUtils.htmlEscape(title)
                + "</h1><p>" + HtmlUtils.htmlEscape(capitalized(message)) + "</p>" + quoted
                + "<p><a href=\"/\">Back to the integrations</a></p></main></body></html>";
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
                .header("Referrer-Policy", "no-referrer");
        if (setCookie != null) {
            answer.header(HttpHeaders.SET_COOKIE, setCookie);
        }
        return answer.body(html);
    }

    private static String capitalized(String message) {
        return message.isEmpty() ? message : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }
}
