package io.integrationregistry.adapters.rest.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code registry.security.*} properties.
 *
 * <pre>
 * # HTTP Basic users (used when no JWT issuer is configured)
 * registry.security.users.alice.password={bcrypt}$2a$10$...     # or {noop}secret
 * registry.security.users.alice.company=acme
 * registry.security.users.alice.roles=INTEGRATION_ADMIN           # comma-separated
 * registry.security.users.olga.password={bcrypt}$2a$10$...
 * registry.security.users.olga.roles=OPERATOR                      # service-wide: no company
 *
 * # OAuth2 resource server (JWT), when spring.security.oauth2.resourceserver.jwt.* is set
 * registry.security.jwt.company-claim=company                     # default
 * registry.security.jwt.roles-claim=roles                         # default
 * registry.security.jwt.username-claim=preferred_username         # default; falls back to sub
 * registry.security.jwt.audiences=integration-registry             # required: a token's aud must name one
 * registry.security.jwt.issuer=https://login.acme.example/realms/acme  # required unless ...jwt.issuer-uri is set
 *
 * # HTTP Basic sign-in throttling (defaults shown)
 * registry.security.sign-in.max-failures=10     # failures per user name, and per client address, before a lock-out
 * registry.security.sign-in.first-lockout=PT1S  # doubles with each further failure ...
 * registry.security.sign-in.max-lockout=PT15M   # ... up to this
 * registry.security.sign-in.forget-after=PT1H   # a counter without failures for this long is dropped
 * registry.security.sign-in.max-tracked=10000   # user names, and addresses, counted at most
 *
 * # The admin page's sign-in through an OpenID Connect provider; off unless issuer-uri is set
 * registry.security.oidc.issuer-uri=https://login.acme.example/realms/acme
 * registry.security.oidc.client-id=integration-registry-admin
 * registry.security.oidc.client-secret=...          # optional: a public client (PKCE only) without it
 * registry.security.oidc.scopes=openid,profile      # default; openid is always asked for
 * registry.security.oidc.company-claim=company      # default
 * registry.security.oidc.roles-claim=roles          # default
 * registry.security.oidc.username-claim=preferred_username  # default; falls back to sub
 * registry.security.oidc.display-name=your company's identity provider  # default, on the sign-in button
 * </pre>
 *
 * @param users  the HTTP Basic users by username
 * @param jwt    how a JWT's claims name the user, the company and the roles
 * @param signIn how failed HTTP Basic sign-ins are throttled
 * @param oidc   the admin page's sign-in through an OpenID Connect provider
 */
@ConfigurationProperties(prefix = RegistrySecurityProperties.PREFIX)
public record RegistrySecurityProperties(
        Map<String, User> users,
        @DefaultValue Jwt jwt,
        @DefaultValue SignIn signIn,
        @DefaultValue Oidc oidc) {

    public static final String PREFIX = "registry.security";

    public RegistrySecurityProperties {
        users = users == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(users));
        jwt = jwt == null ? new Jwt(null, null, null) : jwt;
        signIn = signIn == null ? new SignIn(null, null, null, null, null) : signIn;
        oidc = oidc == null ? Oidc.OFF : oidc;
    }

    /**
     * The throttling of failed HTTP Basic sign-ins (see {@link SignInAttempts}); a value left out takes its
     * default.
     *
     * @param maxFailures  failed attempts for one user name, or from one client address, before it is locked out
     * @param firstLockout the first lock-out; each further failure doubles it
     * @param maxLockout   the longest lock-out
     * @param forgetAfter  a counter without a failure for this long is forgotten
     * @param maxTracked   the most user names, and the most addresses, counted at a time
     */
    public record SignIn(
            Integer maxFailures,
            java.time.Duration firstLockout,
            java.time.Duration maxLockout,
            java.time.Duration forgetAfter,
            Integer maxTracked) {

        /** The settings, defaults filled in. */
        public SignInAttempts.Settings settings() {
            SignInAttempts.Settings defaults = SignInAttempts.Settings.DEFAULTS;
            return new SignInAttempts.Settings(
                    maxFailures == null ? defaults.maxFailures() : maxFailures,
                    firstLockout == null ? defaults.firstLockout() : firstLockout,
                    maxLockout == null ? defaults.maxLockout() : maxLockout,
                    forgetAfter == null ? defaults.forgetAfter() : forgetAfter,
                    maxTracked == null ? defaults.maxTracked() : maxTracked);
        }
    }

    /**
     * One HTTP Basic user.
     *
     * @param password the password with the id of its encoding, as Spring's {@code DelegatingPasswordEncoder}
     *                 reads it: {@code {bcrypt}...}, {@code {noop}...}
     * @param company  the company the user belongs to; none for an {@code OPERATOR}
     * @param roles    the user's roles: {@code INTEGRATION_ADMIN}, {@code AUDITOR}, {@code DOCUMENT_USER}, or
     *                 {@code OPERATOR} alone
     */
    public record User(String password, String company, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[company=" + company + ", roles=" + roles + "]";
        }
    }

    /**
     * How JWTs are checked, and which of their claims the registry reads.
     *
     * @param companyClaim  the claim holding the user's company
     * @param rolesClaim    the claim holding the roles: a JSON array of strings, or one string of names
     *                      separated by spaces or commas
     * @param usernameClaim the claim holding the user's login; when absent, the token's {@code sub}
     * @param audiences     the audiences a token must name (at least one of them) in its {@code aud};
     *                      required in JWT mode
     * @param issuer        the {@code iss} a token must carry; required in JWT mode unless
     *                      {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} names it
     */
    public record Jwt(
            @DefaultValue("company") String companyClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            List<String> audiences,
            String issuer) {

        @ConstructorBinding
        public Jwt {
            companyClaim = blankTo(companyClaim, "company");
            rolesClaim = blankTo(rolesClaim, "roles");
            usernameClaim = blankTo(usernameClaim, "preferred_username");
            audiences = audiences == null
                    ? List.of()
                    : audiences.stream()
                            .filter(audience -> audience != null && !audience.isBlank())
                            .map(String::strip)
                            .toList();
            issuer = issuer == null || issuer.isBlank() ? null : issuer.strip();
        }

        /** The claims only; no audience and no issuer. */
        public Jwt(String companyClaim, String rolesClaim, String usernameClaim) {
            this(companyClaim, rolesClaim, usernameClaim, null, null);
        }

        private static String blankTo(String value, String fallback) {
            return value == null || value.isBlank() ? fallback : value.strip();
        }
    }

    /**
     * The admin page's sign-in through an OpenID Connect provider (authorization code flow with PKCE); on
     * when {@code issuerUri} is set.
     *
     * @param issuerUri     the provider's issuer; its discovery document is read from
     *                      {@code <issuer>/.well-known/openid-configuration}
     * @param clientId      the client the provider registered for the admin page
     * @param clientSecret  the client's secret; none for a public client
     * @param scopes        the scopes asked for; {@code openid} is added when missing
     * @param companyClaim  the claim holding the user's company
     * @param rolesClaim    the claim holding the user's roles
     * @param usernameClaim the claim holding the user's login; when absent, {@code sub}
     * @param displayName   the provider's name on the sign-in button
     */
    public record Oidc(
            String issuerUri,
            String clientId,
            String clientSecret,
            List<String> scopes,
            @DefaultValue("company") String companyClaim,
            @DefaultValue("roles") String rolesClaim,
            @DefaultValue("preferred_username") String usernameClaim,
            @DefaultValue(Oidc.DEFAULT_DISPLAY_NAME) String displayName) {

        /** The registration id: the redirect URI is {@code {baseUrl}/login/oauth2/code/oidc}. */
        public static final String REGISTRATION_ID = "oidc";

        public static final String DEFAULT_DISPLAY_NAME = "your company's identity provider";

        static final Oidc OFF = new Oidc(null, null, null, null, null, null, null, null);

        @ConstructorBinding
        public Oidc {
            issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri.strip();
            clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
            clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
            java.util.LinkedHashSet<String> asked = new java.util.LinkedHashSet<>();
            asked.add("openid");
            (scopes == null || scopes.isEmpty() ? List.of("openid", "profile") : scopes)
                    .stream()
                            .filter(scope -> scope != null && !scope.isBlank())
                            .map(String::strip)
                            .forEach(asked::add);
            scopes = List.copyOf(asked);
            companyClaim = Jwt.blankTo(companyClaim, "company");
            rolesClaim = Jwt.blankTo(rolesClaim, "roles");
            usernameClaim = Jwt.blankTo(usernameClaim, "preferred_username");
            displayName = Jwt.blankTo(displayName, DEFAULT_DISPLAY_NAME);
        }

        /** Whether the admin page signs in through the provider. */
        public boolean enabled() {
            return issuerUri != null;
        }

        /** The claims, as the JWT mode reads them. */
        RegistrySecurityProperties.Jwt claims() {
            return new Jwt(companyClaim, rolesClaim, usernameClaim);
        }

        @Override
        public String toString() {
            return "Oidc[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "none" : "(set)") + ", scopes=" + scopes + "]";
        }
    }
}
