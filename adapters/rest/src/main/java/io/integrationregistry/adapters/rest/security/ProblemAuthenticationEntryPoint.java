package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import io.integrationregistry.adapters.rest.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.util.List;

/**
 * Answers an unauthenticated request with {@code 401} and an {@code application/problem+json} body of type
 * {@code /problems/unauthorized}. In Basic mode it challenges API clients with {@code WWW-Authenticate: Basic
 * realm="integration-registry"}, but not a browser: neither XHR calls ({@code X-Requested-With:
 * XMLHttpRequest}) nor a page the browser navigates to ({@code Sec-Fetch-Mode: navigate}, or an
 * {@code Accept} that prefers {@code text/html}). A challenged browser asks for a password in its own
 * dialog and then sends it with every request to this service, whichever site's page made it; the admin
 * page has its own sign-in instead. In JWT mode it sends the resource server's {@code Bearer} challenge.
 * A sign-in refused because of too many failed attempts gets {@code 429} with {@code Retry-After} and a body of
 * type {@code /problems/too-many-sign-in-attempts}, and no challenge.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String REALM = "integration-registry";
    static final String XHR_HEADER = "X-Requested-With";
    static final String XHR_VALUE = "XMLHttpRequest";

    enum Mode {
        BASIC,
        BEARER
    }

    private final Mode mode;
    private final ProblemResponses problems;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    ProblemAuthenticationEntryPoint(Mode mode, ProblemResponses problems) {
        this.mode = mode;
        this.problems = problems;
        bearer.setRealmName(REALM);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (failure instanceof TooManySignInAttempts tooMany) {
            long seconds = tooMany.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problems.write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    ProblemTypes.TOO_MANY_SIGN_IN_ATTEMPTS,
                    "Too many sign-in attempts",
                    "Too many failed sign-in attempts for this user name or from this " + "address. Try again in "
                            + seconds + " s.");
            return;
        }
        if (mode == Mode.BEARER) {
            // sets the status and the Bearer challenge (with error="invalid_token" for a bad token)
            bearer.commence(request, response, failure);
        } else if (!XHR_VALUE.equalsIgnoreCase(request.getHeader(XHR_HEADER)) && !navigation(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        problems.write(
                request, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail(failure));
    }

    /** Whether a browser is loading a page: it navigates, or it asks for HTML before anything else. */
    static boolean navigation(HttpServletRequest request) {
        if ("navigate".equalsIgnoreCase(request.getHeader("Sec-Fetch-Mode"))) {
            return true;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        // the first of the types with the highest quality, in the order sent
        MediaType preferred = null;
        for (MediaType type : types) {
            if (preferred == null || type.getQualityValue() > preferred.getQualityValue()) {
                preferred = type;
            }
        }
        return preferred != null
                && (MediaType.TEXT_HTML.equalsTypeAndSubtype(preferred)
                        || MediaType.APPLICATION_XHTML_XML.equalsTypeAndSubtype(preferred));
    }

    private String detail(AuthenticationException failure) {
        if (mode == Mode.BEARER) {
            return failure instanceof OAuth2AuthenticationException
                    ? "The bearer token is invalid or has expired."
                    : "Sign in to use this API: send a bearer token.";
        }
        return failure instanceof BadCredentialsException
                ? "The username or password is wrong."
                : "Sign in to use this API: send your username and password (HTTP Basic).";
    }
}
