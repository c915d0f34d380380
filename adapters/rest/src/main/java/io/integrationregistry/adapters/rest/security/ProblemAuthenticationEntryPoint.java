package io.integrationregistry.adapters.rest.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * Answers an unauthenticated request with {@code 401} and an {@code application/problem+json} body of type
 * {@code /problems/unauthorized}. In Basic mode it challenges with {@code WWW-Authenticate: Basic
 * realm="integration-registry"}, except for XHR calls ({@code X-Requested-With: XMLHttpRequest}) so that a
 * browser shows no login popup; in JWT mode it sends the resource server's {@code Bearer} challenge.
 * A sign-in refused because of too many failed attempts gets {@code 429} with {@code Retry-After} and a body of
 * type {@code /problems/too-many-sign-in-attempts}, and no challenge.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    static final String REALM = "integration-registry";
    static final String XHR_HEADER = "X-Requested-With";
    static final String XHR_VALUE = "XMLHttpRequest";

    enum Mode { BASIC, BEARER }

    private final Mode mode;
    private final ProblemResponses problems;
    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    ProblemAuthenticationEntryPoint(Mode mode, ProblemResponses problems) {
        this.mode = mode;
        this.problems = problems;
        bearer.setRealmName(REALM);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException failure) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        if (failure instanceof TooManySignInAttempts tooMany) {
            long seconds = tooMany.retryAfterSeconds();
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-attempts",
                    "Too many sign-in attempts", "Too many failed sign-in attempts for this user name or from this "
                            + "address. Try again in " + seconds + " s.");
            return;
        }
        if (mode == Mode.BEARER) {
            // sets the status and the Bearer challenge (with error="invalid_token" for a bad token)
            bearer.commence(request, response, failure);
        } else if (!XHR_VALUE.equalsIgnoreCase(request.getHeader(XHR_HEADER))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                detail(failure));
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
