package io.integrationregistry.adapters.rest;

import io.integrationregistry.application.shared.Origin;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sensible one, a new one
 * otherwise. It is echoed in the response, put in the log context and recorded on every event the
 * request causes, with the channel ({@code X-Registry-Source: ui} from the admin page, else {@code api}).
 *
 * <p>The log context holds the request id and nothing else: no header, parameter or credential is ever put
 * there. It holds it on every thread that works for the request: the one that takes it, the one that streams
 * an answer produced later (such as an audit export), and the ones that go on with the request afterwards
 * (the dispatch that answers a failure of that stream, an error page).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIds extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String SOURCE_HEADER = "X-Registry-Source";
    /** The one key the service puts in the log context. */
    static final String MDC_KEY = "requestId";

    private static final String ATTRIBUTE = Origin.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Origin origin;
        if (request.getAttribute(ATTRIBUTE) instanceof Origin known) {
            // a later dispatch of a request already under way: the same id
            origin = known;
        } else {
            origin = new Origin(
                    request.getHeader(HEADER),
                    "ui".equalsIgnoreCase(request.getHeader(SOURCE_HEADER)) ? Origin.Source.UI : Origin.Source.API);
            request.setAttribute(ATTRIBUTE, origin);
            response.setHeader(HEADER, origin.requestId());
            WebAsyncUtils.getAsyncManager(request)
                    .registerCallableInterceptor(RequestIds.class.getName(), new OnTheStreamingThread(origin));
        }
        MDC.put(MDC_KEY, origin.requestId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    static Origin of(HttpServletRequest request) {
        Object origin = request.getAttribute(ATTRIBUTE);
        return origin instanceof Origin known ? known : Origin.generated(Origin.Source.API);
    }

    /** Puts the request id in the log context of the thread that produces an answer later, for that time. */
    private record OnTheStreamingThread(Origin origin) implements CallableProcessingInterceptor {

        @Override
        public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
            MDC.put(MDC_KEY, origin.requestId());
        }

        @Override
        public <T> void postProcess(NativeWebRequest request, Callable<T> task, Object result) {
            MDC.remove(MDC_KEY);
        }
    }
}
