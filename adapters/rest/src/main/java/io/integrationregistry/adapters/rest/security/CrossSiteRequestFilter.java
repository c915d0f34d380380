package io.integrationregistry.adapters.rest.security;

import io.integrationregistry.adapters.rest.problem.ProblemResponses;
import io.integrationregistry.adapters.rest.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a state-changing request (any method but {@code GET}, {@code HEAD} and {@code OPTIONS}) that a
 * page of another site made a browser send, with {@code 403} and a problem detail of type
 * {@code /problems/cross-site-request}. A browser keeps HTTP Basic credentials once given and sends them with
 * every later request to this service, whichever page caused it, so neither the credentials nor a body
 * tell such a request from one the user meant; the browser's own headers do:
 * <ul>
 *   <li>{@code Sec-Fetch-Site: cross-site} is refused; {@code same-site} is accepted only when {@code Origin}
 *       is the origin of {@code registry.public-url}; {@code same-origin} and {@code none} (typed by the
 *       user) pass;</li>
 *   <li>without {@code Sec-Fetch-Site} (older browsers), an {@code Origin} must be the public URL's origin or
 *       the request's own (scheme, host and port); {@code Origin: null} is refused;</li>
 *   <li>a request with neither header, as API clients such as curl send them, passes.</li>
 * </ul>
 * The check runs before any sign-in, so a refused request neither signs in nor counts as a failed attempt.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

    static final String FETCH_SITE = "Sec-Fetch-Site";

    private static final Logger log = LoggerFactory.getLogger(CrossSiteRequestFilter.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private final Optional<String> publicOrigin;
    private final ProblemResponses problems;

    /**
     * @param publicUrl where users reach this service ({@code registry.public-url}); blank when not configured
     */
    CrossSiteRequestFilter(String publicUrl, ProblemResponses problems) {
        this.publicOrigin = origin(publicUrl);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (SAFE_METHODS.contains(request.getMethod()) || allowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        log.info(
                "Refused a cross-site {} {} (Sec-Fetch-Site {}, Origin {})",
                request.getMethod(),
                request.getRequestURI(),
                loggable(request.getHeader(FETCH_SITE)),
                loggable(request.getHeader(HttpHeaders.ORIGIN)));
        problems.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                ProblemTypes.CROSS_SITE_REQUEST,
                "Cross-site request refused",
                "A request that changes data is refused when a page of another site sent it. Use the admin "
                        + "page of this service, or an API client that sends no Origin header.");
    }

    boolean allowed(HttpServletRequest request) {
        String fetchSite = request.getHeader(FETCH_SITE);
        Optional<String> origin =
                Optional.ofNullable(request.getHeader(HttpHeaders.ORIGIN)).map(String::strip);
        String site = fetchSite == null ? "" : fetchSite.strip().toLowerCase(Locale.ROOT);
        switch (site) {
            case "same-origin", "none":
                return true;
            case "cross-site":
                return false;
            case "same-site":
                return origin.flatMap(CrossSiteRequestFilter::origin).equals(publicOrigin) && publicOrigin.isPresent();
            default:
                // no (or an unknown) Sec-Fetch-Site: an older browser, or no browser at all
                if (origin.isEmpty()) {
                    return true;
                }
                Optional<String> sent = origin(origin.get());
                return sent.isPresent()
                        && (sent.equals(publicOrigin) || sent.get().equals(ownOrigin(request)));
        }
    }

    /** {@code scheme://host:port}, lower case, the port always written; empty for no or a malformed URL. */
    static Optional<String> origin(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            return Optional.of(origin(scheme, uri.getHost(), uri.getPort()));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    private static String ownOrigin(HttpServletRequest request) {
        return origin(request.getScheme().toLowerCase(Locale.ROOT), request.getServerName(), request.getServerPort());
    }

    private static String origin(String scheme, String host, int port) {
        int effective = port >= 0 ? port : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        String name = host.toLowerCase(Locale.ROOT);
        if (name.contains(":") && !name.startsWith("[")) {
            name = "[" + name + "]";
        }
        return scheme + "://" + name + ":" + effective;
    }

    private static String loggable(String header) {
        return header == null ? "-" : ThrottledAuthenticationManager.loggable(header);
    }
}
