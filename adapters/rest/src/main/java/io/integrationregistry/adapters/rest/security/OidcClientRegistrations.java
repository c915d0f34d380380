package io.integrationregistry.adapters.rest.security;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one client registration of the admin page's OpenID Connect sign-in, {@code oidc}, made from the
 * provider's discovery document ({@code <issuer>/.well-known/openid-configuration}, whose {@code issuer} must
 * be the configured one) and {@code registry.security.oidc.*}: the authorization code flow, always with a
 * PKCE proof key (S256), also for a confidential client; {@code openid} and the configured scopes; the
 * redirect URI {@code {baseUrl}/login/oauth2/code/oidc}. The document is read when first needed, within
 * {@link #TIMEOUT}; a provider that cannot be reached then is asked again at the next sign-in, so the
 * service starts without it.
 */
final class OidcClientRegistrations implements ClientRegistrationRepository {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

    /** The discovery document could not be read or was not valid: the sign-in cannot start now. */
    static final class ProviderUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProviderUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(OidcClientRegistrations.class);

    private final RegistrySecurityProperties.Oidc settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private volatile ClientRegistration registration;

    OidcClientRegistrations(RegistrySecurityProperties.Oidc settings, ObjectMapper json) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.json = json;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return RegistrySecurityProperties.Oidc.REGISTRATION_ID.equals(registrationId) ? registration() : null;
    }

    /** The registration, reading the discovery document when it has not been read yet. */
    ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (registration == null) {
                registration = discover();
                log.info(
                        "The admin page signs in through the OpenID Connect provider {} as client {} ({}; scopes {};"
                                + " end-session endpoint {})",
                        settings.issuerUri(),
                        settings.clientId(),
                        settings.clientSecret() == null ? "public, PKCE" : "confidential, PKCE",
                        settings.scopes(),
                        endSessionEndpoint(registration));
            }
            return registration;
        }
    }

    /** Reads the discovery document now, once; a failure is logged and tried again when next needed. */
    void tryNow() {
        try {
            registration();
        } catch (ProviderUnavailable unavailable) {
            log.warn(
                    "{}; the admin page's sign-in through it is tried again when a user starts one",
                    unavailable.getMessage());
        }
    }

    /**
     * The origins a form of the page may be sent to, beside its own: the provider's (its end-session
     * endpoint's, once known), where signing out sends the browser.
     */
    List<String> formTargets() {
        List<String> origins = new ArrayList<>();
        CrossSiteRequestFilter.origin(settings.issuerUri())
                .map(OidcClientRegistrations::written)
                .ifPresent(origins::add);
        ClientRegistration known = registration;
        Object endSession = known == null ? null : endSessionEndpoint(known);
        if (endSession instanceof String url) {
            CrossSiteRequestFilter.origin(url)
                    .map(OidcClientRegistrations::written)
                    .filter(origin -> !origins.contains(origin))
                    .ifPresent(origins::add);
        }
        return origins;
    }

    /** {@code scheme://host:port}, without a port that is its scheme's default, as a browser writes an origin. */
    private static String written(String origin) {
        return origin.replaceFirst("^(http://.*):80$", "$1").replaceFirst("^(https://.*):443$", "$1");
    }

    private static Object endSessionEndpoint(ClientRegistration registration) {
        return registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
    }

    private ClientRegistration discover() {
        String issuer = settings.issuerUri();
        URI location = URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration");
        Map<String, Object> metadata;
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(location)
                            .timeout(TIMEOUT)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new ProviderUnavailable(
                        "The OpenID Connect discovery document " + location + " answered " + answer.statusCode(), null);
            }
            metadata = json.readValue(answer.body(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new ProviderUnavailable(
                    "The OpenID Connect discovery document " + location + " cannot be read: "
                            + unreadable.getClass().getSimpleName(),
                    unreadable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProviderUnavailable("Interrupted while reading " + location, interrupted);
        }
        if (!issuer.equals(metadata.get("issuer"))) {
            throw new ProviderUnavailable(
                    "The OpenID Connect discovery document " + location + " names the issuer " + metadata.get("issuer")
                            + ", not " + issuer,
                    null);
        }
        try {
            ClientRegistration.Builder builder = ClientRegistrations.fromOidcConfiguration(metadata)
                    .registrationId(RegistrySecurityProperties.Oidc.REGISTRATION_ID)
                    .clientName(settings.displayName())
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret());
            if (settings.clientSecret() == null) {
                // a public client: the proof key alone binds the code to this service
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
            }
            return builder.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(REDIRECT_URI)
                    .scope(settings.scopes())
                    .clientSettings(ClientRegistration.ClientSettings.builder()
                            .requireProofKey(true)
                            .build())
                    .build();
        } catch (RuntimeException invalid) {
            throw new ProviderUnavailable(
                    "The OpenID Connect discovery document " + location + " is not usable: " + invalid.getMessage(),
                    invalid);
        }
    }
}
