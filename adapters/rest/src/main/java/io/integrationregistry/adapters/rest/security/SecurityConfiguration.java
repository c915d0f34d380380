package io.integrationregistry.adapters.rest.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Who may call what. Every {@code /api/**} request is authenticated: reads ({@code GET}, {@code HEAD}) by
 * {@code INTEGRATION_ADMIN}, {@code AUDITOR} and {@code DOCUMENT_USER}, everything else by
 * {@code INTEGRATION_ADMIN} only, and always by a user who belongs to a company. What concerns the whole
 * service, not one company, is for {@code OPERATOR}, who belongs to no company and may call nothing else:
 * {@code /api/admin/**} (the projections and their rebuild) and Actuator beyond health and info (metrics and
 * their Prometheus scrape, projections, the data keys and their re-wrap). Actuator's health and info, the OpenAPI description,
 * Swagger UI, the admin page and its assets, {@code /error} and the OAuth2 callback are open; anything else
 * is denied.
 *
 * <p>Users sign in with a JWT (OAuth2 resource server) when a {@link JwtDecoder} exists, which Spring Boot
 * creates from {@code spring.security.oauth2.resourceserver.jwt.*}; a token must then also carry
 * {@code exp}, name one of {@code registry.security.jwt.audiences} and come from the configured issuer
 * ({@link CheckedJwtDecoder}). Otherwise users sign in with HTTP Basic, as the users of
 * {@code registry.security.users.*}, or, when none is configured, as two generated users whose random
 * passwords are logged once: {@code admin}, an {@code INTEGRATION_ADMIN} of company {@code default}, and
 * {@code operator}, an {@code OPERATOR}. These requests are stateless and Spring's CSRF tokens are off for them:
 * no cookie authenticates such a request. (When {@code registry.security.oidc.issuer-uri} is set, the admin page
 * may also sign in through an OpenID Connect provider; the requests without an {@code Authorization} header then
 * go to the session chain of {@link OidcSecurityConfiguration}, with CSRF tokens.) But a browser that was given Basic credentials sends them on its own, so a
 * state-changing request sent by another site's page is refused ({@link CrossSiteRequestFilter}), and a
 * browser loading a page is never challenged for Basic credentials. Errors are
 * {@code application/problem+json}. Failed HTTP Basic sign-ins are counted per user name and per client
 * address ({@link SignInAttempts}, {@code registry.security.sign-in.*}); a locked-out sign-in is refused with
 * {@code 429} without checking its password; every failed sign-in costs one password-hash check
 * ({@link EqualCostAuthenticationProvider}). Both are counted in meters without a tag ({@link SignInMeters}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(RegistrySecurityProperties.class)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Paths open to everybody. */
    static final String[] OPEN_PATHS = {
        "/",
        "/index.html",
        "/assets/**",
        "/favicon.ico",
        "/error",
        "/oauth2/callback/**",
        "/auth/method",
        "/v3/api-docs",
        "/v3/api-docs/**",
        "/v3/api-docs.yaml",
        "/swagger-ui/**",
        "/swagger-ui.html",
        "/actuator/health",
        "/actuator/health/**",
        "/actuator/info"
    };
    /**
     * Only this service's own scripts, styles and images; no inline script, no framing. (Swagger UI,
     * which needs inline styles, keeps the browser's defaults.)
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    /**
     * Swagger UI's pages, told by the plain request URI: headers are written when the answer is committed,
     * which for a streamed answer (an audit export) is after the request's dispatch, when Spring's parsed
     * path, which a path-pattern matcher needs, is gone.
     */
    static final RequestMatcher SWAGGER_UI = request -> {
        String path = request.getRequestURI()
                .substring(Math.min(
                        request.getContextPath().length(),
                        request.getRequestURI().length()));
        return path.startsWith("/swagger-ui/") || path.equals("/swagger-ui.html");
    };
    /** Static files of the admin page beside index.html, readable by everybody. */
    static final String[] OPEN_STATIC_FILES = {
        "/*.js", "/*.css", "/*.map", "/*.png", "/*.svg", "/*.webmanifest", "/robots.txt"
    };

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Requests the firewall refuses get this API's problem details too (Spring Security picks this bean up). */
    @Bean
    public RequestRejectedHandler problemRequestRejectedHandler(ObjectProvider<ObjectMapper> objectMappers) {
        return new ProblemRequestRejectedHandler(new ProblemResponses(objectMappers.getIfAvailable(ObjectMapper::new)));
    }

    @Bean
    @Order(1)
    public SecurityFilterChain registrySecurityFilterChain(
            HttpSecurity http,
            RegistrySecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoders,
            ObjectProvider<ObjectMapper> objectMappers,
            ObjectProvider<SignInAttempts> signInAttempts,
            ObjectProvider<MeterRegistry> meterRegistries,
            PasswordEncoder passwordEncoder,
            @Value("${registry.public-url:http://localhost:8080}") String publicUrl,
            @Value("${" + CheckedJwtDecoder.ISSUER_URI + ":}") String issuerUri)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(objectMappers.getIfAvailable(ObjectMapper::new));
        ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler(problems);
        if (properties.oidc().enabled()) {
            // the admin page's session (adminPageSessionFilterChain) takes every request without credentials
            http.securityMatcher(WITH_CREDENTIALS);
        }
        protect(http, publicUrl, problems, new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY));
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .logout(AbstractHttpConfigurer::disable);

        JwtDecoder jwtDecoder = jwtDecoders.getIfAvailable();
        if (jwtDecoder != null) {
            CheckedJwtDecoder checked = CheckedJwtDecoder.of(jwtDecoder, properties.jwt(), issuerUri);
            if (!properties.users().isEmpty()) {
                log.warn(
                        "A JWT issuer is configured: the {} user(s) of {}.users.* are ignored",
                        properties.users().size(),
                        RegistrySecurityProperties.PREFIX);
            }
            ProblemAuthenticationEntryPoint entryPoint =
                    new ProblemAuthenticationEntryPoint(ProblemAuthenticationEntryPoint.Mode.BEARER, problems);
            http.httpBasic(AbstractHttpConfigurer::disable)
                    .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.decoder(checked)
                                    .jwtAuthenticationConverter(
                                            new RegistryJwtAuthenticationConverter(properties.jwt())))
                            .authenticationEntryPoint(entryPoint)
                            .accessDeniedHandler(accessDenied))
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
            log.info(
                    "Users sign in with JWT bearer tokens of issuer '{}' for audience(s) {} (company claim '{}', "
                            + "roles claim '{}')",
                    checked.issuer(),
                    checked.audiences(),
                    properties.jwt().companyClaim(),
                    properties.jwt().rolesClaim());
        } else {
            RegistryUserDetailsService users = basicUsers(properties, passwordEncoder);
            EqualCostAuthenticationProvider provider = new EqualCostAuthenticationProvider(users, passwordEncoder);
            ProblemAuthenticationEntryPoint entryPoint =
                    new ProblemAuthenticationEntryPoint(ProblemAuthenticationEntryPoint.Mode.BASIC, problems);
            // a SignInAttempts bean, when there is one, brings its own clock (tests); else the system's
            SignInAttempts attempts = signInAttempts.getIfAvailable(
                    () -> new SignInAttempts(properties.signIn().settings(), Clock.systemUTC()));
            SignInMeters meters = new SignInMeters(meterRegistries.getIfAvailable(), attempts);
            http.authenticationManager(
                            new ThrottledAuthenticationManager(new ProviderManager(provider), attempts, meters))
                    .httpBasic(basic -> basic.realmName(ProblemAuthenticationEntryPoint.REALM)
                            .authenticationEntryPoint(entryPoint))
                    .exceptionHandling(exceptions ->
                            exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
        }
        return http.build();
    }

    /**
     * The admin page's session, when it may sign in through an OpenID Connect provider: every request without
     * an {@code Authorization} header (see {@link OidcSecurityConfiguration}). Defined here, under the same
     * condition that narrows {@link #registrySecurityFilterChain} to requests with credentials, so that no
     * request is ever left to neither chain.
     */
    @Bean
    @Order(2)
    @Conditional(OidcSecurityConfiguration.Enabled.class)
    public SecurityFilterChain adminPageSessionFilterChain(
            HttpSecurity http,
            RegistrySecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoders,
            ObjectProvider<ObjectMapper> objectMappers,
            @Value("${registry.public-url:http://localhost:8080}") String publicUrl)
            throws Exception {
        return OidcSecurityConfiguration.sessionChain(http, properties, jwtDecoders, objectMappers, publicUrl);
    }

    /** The session cookie is sent on a top-level navigation from another site (the provider's redirect) only. */
    @Bean
    @Conditional(OidcSecurityConfiguration.Enabled.class)
    public CookieSameSiteSupplier sessionCookieSameSite(
            @Value("${server.servlet.session.cookie.name:JSESSIONID}") String sessionCookie) {
        return CookieSameSiteSupplier.ofLax().whenHasName(sessionCookie);
    }

    /** A request that brings its own credentials (HTTP Basic or a bearer token), and so needs no session. */
    static final RequestMatcher WITH_CREDENTIALS = request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null;

    /**
     * What every way to sign in shares: the cross-site check, the headers (with this Content-Security-Policy
     * writer beyond Swagger UI) and who may call what.
     */
    static void protect(HttpSecurity http, String publicUrl, ProblemResponses problems, HeaderWriter policy)
            throws Exception {
        http.addFilterAfter(new CrossSiteRequestFilter(publicUrl, problems), HeaderWriterFilter.class);
        http.headers(headers -> headers.addHeaderWriter(
                                new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(SWAGGER_UI), policy))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(OPEN_PATHS)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, OPEN_STATIC_FILES)
                        .permitAll()
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/api/admin", "/api/admin/**")
                        .hasRole(Role.OPERATOR.name())
                        .requestMatchers("/api/integrations/*/documents/**", "/api/integrations/*/oauth2/**")
                        .access(CompanyAuthorizationManager.anyOf(Role.INTEGRATION_ADMIN, Role.DOCUMENT_USER))
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .access(CompanyAuthorizationManager.anyOf(
                                Role.INTEGRATION_ADMIN, Role.AUDITOR, Role.DOCUMENT_USER))
                        .requestMatchers(HttpMethod.HEAD, "/api/**")
                        .access(CompanyAuthorizationManager.anyOf(
                                Role.INTEGRATION_ADMIN, Role.AUDITOR, Role.DOCUMENT_USER))
                        .requestMatchers("/api", "/api/**")
                        .access(CompanyAuthorizationManager.anyOf(Role.INTEGRATION_ADMIN))
                        .anyRequest()
                        .denyAll());
    }

    private static RegistryUserDetailsService basicUsers(
            RegistrySecurityProperties properties, PasswordEncoder passwordEncoder) {
        if (!properties.users().isEmpty()) {
            RegistryUserDetailsService users = new RegistryUserDetailsService(
                    RegistryUserDetailsService.fromProperties(properties.users(), passwordEncoder));
            log.info(
                    "Users sign in with HTTP Basic: {} user(s) from {}.users.*",
                    users.usernames().size(),
                    RegistrySecurityProperties.PREFIX);
            return users;
        }
        String password = RegistryUserDetailsService.randomPassword();
        String operatorPassword = RegistryUserDetailsService.randomPassword();
        log.warn(String.format(
                "%n%nUsing generated security password for the user '%s' (role %s, company '%s'): "
                        + "%s%nUsing generated security password for the user '%s' (role %s, no company): %s"
                        + "%n%nThese generated passwords are for development use only. Configure users in %s.users.* "
                        + "or a JWT issuer (spring.security.oauth2.resourceserver.jwt.*) before production.%n",
                RegistryUserDetailsService.GENERATED_USERNAME,
                Role.INTEGRATION_ADMIN,
                RegistryUserDetailsService.GENERATED_COMPANY,
                password,
                RegistryUserDetailsService.GENERATED_OPERATOR,
                Role.OPERATOR,
                operatorPassword,
                RegistrySecurityProperties.PREFIX));
        return new RegistryUserDetailsService(List.of(
                new RegistryUser(
                        RegistryUserDetailsService.GENERATED_USERNAME,
                        "{noop}" + password,
                        RegistryUserDetailsService.GENERATED_COMPANY,
                        Set.of(Role.INTEGRATION_ADMIN)),
                new RegistryUser(
                        RegistryUserDetailsService.GENERATED_OPERATOR,
                        "{noop}" + operatorPassword,
                        null,
                        Set.of(Role.OPERATOR))));
    }
}
