package io.integrationregistry.adapters.rest.connections;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Keeps the authorization code out of every log line. A provider sends it back in the query string of
 * the OAuth 2.0 callback, and Spring Security and Spring MVC print the request line with its query
 * string at DEBUG. Past this filter the query string shows the values of the error parameters only
 * ({@code code=(hidden)&state=(hidden)}); the parameters themselves keep their values for the callback.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class CallbackQueryMasking extends OncePerRequestFilter {

    static final String CALLBACK_PATH = "/oauth2/callback/";
    static final String HIDDEN = "(hidden)";
    /** RFC 6749 §4.1.2.1 and RFC 9207: what a provider sends back that is no secret. */
    private static final Set<String> SHOWN = Set.of("error", "error_description", "error_uri", "iss");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getQueryString() == null
                || !request.getRequestURI().startsWith(request.getContextPath() + CALLBACK_PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String masked = masked(request.getQueryString());
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getQueryString() {
                        return masked;
                    }
                },
                response);
    }

    static String masked(String query) {
        StringJoiner shown = new StringJoiner("&");
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            shown.add(equals < 0 ? HIDDEN : SHOWN.contains(decoded(name)) ? pair : name + "=" + HIDDEN);
        }
        return shown.toString();
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
