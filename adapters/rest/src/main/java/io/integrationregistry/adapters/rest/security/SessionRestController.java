package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.PlainHttp;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** What a user interface needs before and after sign-in: how to sign in, and who is signed in. */
@RestController
@Tag(name = "Session", description = "How to sign in, and who is signed in")
class SessionRestController {

    private final boolean bearer;
    private final RegistrySecurityProperties.Oidc oidc;
    private final boolean plainHttpProviders;

    SessionRestController(
            ObjectProvider<JwtDecoder> jwtDecoders,
            ObjectProvider<RegistrySecurityProperties> properties,
            ObjectProvider<RegistrySettings> settings) {
        this.bearer = jwtDecoders.getIfAvailable() != null;
        RegistrySettings rules = settings.getIfAvailable(RegistrySettings::defaults);
        this.plainHttpProviders = rules.plainHttp() == PlainHttp.ALLOWED;
        RegistrySecurityProperties known = properties.getIfAvailable();
        this.oidc = known == null ? RegistrySecurityProperties.Oidc.OFF : known.oidc();
    }

    @GetMapping(path = "/auth/method", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The sign-in method",
            description = "BASIC (user name and password) or BEARER (a JWT from the configured issuer); with "
                    + "`oidc` when the admin page may also sign in through an OpenID Connect provider: its display "
                    + "`name` and the `url` that starts the sign-in. Open.")
    Map<String, Object> method() {
        String method = bearer ? "BEARER" : "BASIC";
        if (!oidc.enabled()) {
            return Map.of("method", method);
        }
        return Map.of(
                "method",
                method,
                "oidc",
                Map.of(
                        "name",
                        oidc.displayName(),
                        "url",
                        "/oauth2/authorization/" + RegistrySecurityProperties.Oidc.REGISTRATION_ID));
    }

    @GetMapping(path = "/api/me", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The signed-in user",
            description = "Login, company and roles; and `plainHttpProviders`, whether this service accepts "
                    + "provider URLs over plain http (a development setting), so that a form can check URLs as "
                    + "the service will.")
    Map<String, Object> me(Authentication authentication, Caller caller) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .filter(role -> java.util.Arrays.stream(Role.values())
                        .anyMatch(known -> known.name().equals(role)))
                .sorted()
                .toList();
        return Map.of(
                "login",
                caller.actor().login(),
                "company",
                caller.company().value(),
                "roles",
                roles,
                "plainHttpProviders",
                plainHttpProviders);
    }
}
