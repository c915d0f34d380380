package io.integrationregistry.adapters.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

import java.util.Set;

/**
 * The admin page's sign-in through an OpenID Connect provider, on when {@code registry.security.oidc.issuer-uri}
 * is set: a second filter chain for every request without an {@code Authorization} header (those keep the
 * stateless chain of {@link SecurityConfiguration}, HTTP Basic or JWT, unchanged).
 *
 * <ul>
 *   <li>Sign-in: {@code /oauth2/authorization/oidc} sends the browser to the provider (authorization code
 *       flow, PKCE S256, {@code openid} and the configured scopes, a nonce); the provider sends it back to
 *       {@code /login/oauth2/code/oidc}. The user is read from the ID token and userinfo
 *       ({@link RegistryOidcUserService}); a refused or failed sign-in comes back to the page with an error
 *       code ({@link OidcSignInOutcomes}).</li>
 *   <li>The session: the tokens stay in the server's session; the browser holds the session cookie only
 *       (HttpOnly, SameSite=Lax, Secure on https); a new session id at sign-in (session fixation).</li>
 *   <li>CSRF: a state-changing request that brings a session cookie must bring Spring's CSRF token in
 *       {@code X-XSRF-TOKEN} (or the form field {@code _csrf}); the page reads it from the
 *       {@code XSRF-TOKEN} cookie, which scripts may read. Failures are {@code 403} problem details.</li>
 *   <li>Sign-out: {@code POST /logout} ends the session and, when the provider's discovery document has an
 *       {@code end_session_endpoint}, the provider's session too (RP-initiated logout), which sends the
 *       browser back to {@code /?signed-out}.</li>
 * </ul>
 */
final class OidcSecurityConfiguration {

    /** The property that turns the sign-in on. */
    static final String ISSUER_URI = RegistrySecurityProperties.PREFIX + ".oidc.issuer-uri";

    static final String CSRF_COOKIE = "XSRF-TOKEN";
    static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    /** A state-changing request that brings a session cookie, which a browser sends whichever page made it. */
    static final RequestMatcher SESSION_CHANGE =
            request -> !SAFE_METHODS.contains(request.getMethod()) && request.getRequestedSessionId() != null;

    /** On when the issuer is set (and not blank). */
    static final class Enabled implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty(ISSUER_URI));
        }
    }

    private OidcSecurityConfiguration() {}

    /** The chain of the admin page's session (see {@link SecurityConfiguration#adminPageSessionFilterChain}). */
    static SecurityFilterChain sessionChain(
            HttpSecurity http,
            RegistrySecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoders,
            ObjectProvider<ObjectMapper> objectMappers,
            String publicUrl)
            throws Exception {
        ObjectMapper json = objectMappers.getIfAvailable(ObjectMapper::new);
        ProblemResponses problems = new ProblemResponses(json);
        RegistrySecurityProperties.Oidc settings = properties.oidc();
        OidcClientRegistrations registrations = new OidcClientRegistrations(settings, json);
        registrations.tryNow();
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(
                jwtDecoders.getIfAvailable() != null
                        ? ProblemAuthenticationEntryPoint.Mode.BEARER
                        : ProblemAuthenticationEntryPoint.Mode.BASIC,
                problems);
        OidcSignInOutcomes outcomes = new OidcSignInOutcomes(registrations);

        SecurityConfiguration.protect(
                http,
                publicUrl,
                problems,
                (request, response) ->
                        response.setHeader("Content-Security-Policy", contentSecurityPolicy(registrations)));

        CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        tokens.setCookieName(CSRF_COOKIE);
        tokens.setHeaderName(CSRF_HEADER);
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        http.csrf(csrf -> csrf.csrfTokenRepository(tokens)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SESSION_CHANGE))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .oauth2Login(login -> login.loginPage("/")
                        .clientRegistrationRepository(registrations)
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new RegistryOidcUserService(settings)))
                        .successHandler(outcomes::signedIn)
                        .failureHandler(outcomes::refused)
                        .withObjectPostProcessor(
                                new org.springframework.security.config.ObjectPostProcessor<
                                        OAuth2AuthorizationRequestRedirectFilter>() {
                                    @Override
                                    public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(
                                            O filter) {
                                        filter.setAuthenticationFailureHandler(outcomes::refused);
                                        return filter;
                                    }
                                }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(outcomes::signedOut))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler(problems)));
        return http.build();
    }

    /** The page's policy, with the provider's origins as targets of a form (signing out is sent there). */
    static String contentSecurityPolicy(OidcClientRegistrations registrations) {
        String targets = String.join(" ", registrations.formTargets());
        return SecurityConfiguration.CONTENT_SECURITY_POLICY.replace(
                "form-action 'self'", targets.isEmpty() ? "form-action 'self'" : "form-action 'self' " + targets);
    }
}
