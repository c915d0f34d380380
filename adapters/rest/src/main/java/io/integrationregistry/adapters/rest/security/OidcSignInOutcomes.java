package io.integrationregistry.adapters.rest.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import java.io.IOException;
import java.util.Map;

/**
 * Where the browser goes after an OpenID Connect sign-in or sign-out: always back to the page, never to an
 * error page, and with nothing of a token in the address.
 *
 * <ul>
 *   <li>signed in: {@code /};</li>
 *   <li>refused or failed: {@code /?sign-in-error=<code>}, the code one of {@code no-company},
 *       {@code no-role}, {@code invalid-user} (the user is not one of the registry's),
 *       {@code unavailable} (the provider cannot be reached) or {@code failed} (anything else, such as the
 *       user cancelling at the provider); the page shows a message for it;</li>
 *   <li>signed out: through the provider's end-session endpoint, when it has one, with
 *       {@code post_logout_redirect_uri={baseUrl}/?signed-out}; else {@code /?signed-out} at once.</li>
 * </ul>
 */
final class OidcSignInOutcomes {

    static final String ERROR_PARAMETER = "sign-in-error";
    static final String SIGNED_OUT = "/?signed-out";
    static final String POST_LOGOUT_REDIRECT_URI = "{baseUrl}" + SIGNED_OUT;

    private static final Logger log = LoggerFactory.getLogger(OidcSignInOutcomes.class);
    private static final Map<String, String> PAGE_CODES = Map.of(
            RegistryOidcUserService.NO_COMPANY, "no-company",
            RegistryOidcUserService.NO_ROLE, "no-role",
            RegistryOidcUserService.INVALID_USER, "invalid-user");

    private final OidcClientInitiatedLogoutSuccessHandler providerLogout;

    OidcSignInOutcomes(OidcClientRegistrations registrations) {
        providerLogout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        providerLogout.setPostLogoutRedirectUri(POST_LOGOUT_REDIRECT_URI);
        providerLogout.setDefaultTargetUrl(SIGNED_OUT);
    }

    void signedIn(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        response.sendRedirect(request.getContextPath() + "/");
    }

    void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String code = pageCode(failure);
        if ("failed".equals(code) || "unavailable".equals(code)) {
            log.info(
                    "An OpenID Connect sign-in failed ({}): {}",
                    failure instanceof OAuth2AuthenticationException oauth2
                            ? oauth2.getError().getErrorCode()
                            : "-",
                    ThrottledAuthenticationManager.loggable(String.valueOf(failure.getMessage())));
        }
        response.sendRedirect(request.getContextPath() + "/?" + ERROR_PARAMETER + "=" + code);
    }

    void signedOut(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        try {
            providerLogout.onLogoutSuccess(request, response, authentication);
        } catch (OidcClientRegistrations.ProviderUnavailable unavailable) {
            // this service's session has ended all the same
            log.warn("Signed out without the provider: {}", unavailable.getMessage());
            response.sendRedirect(request.getContextPath() + SIGNED_OUT);
        }
    }

    static String pageCode(AuthenticationException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OidcClientRegistrations.ProviderUnavailable) {
                return "unavailable";
            }
        }
        if (failure instanceof OAuth2AuthenticationException oauth2) {
            return PAGE_CODES.getOrDefault(oauth2.getError().getErrorCode(), "failed");
        }
        return "failed";
    }
}
