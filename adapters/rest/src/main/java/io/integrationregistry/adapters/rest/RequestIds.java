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
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a sensible one, a new one
 * otherwise. It is echoed in the response, put in the log context and recorded on every event the
 * request causes, with the channel ({@code X-Registry-Source: ui} from the admin page, else {@code api}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class RequestIds extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String SOURCE_HEADER = "X-Registry-Source";
    private static final String ATTRIBUTE = Origin.class.getName();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Origin origin = new Origin(
                request.getHeader(HEADER),
                "ui".equalsIgnoreCase(request.getHeader(SOURCE_HEADER)) ? Origin.Source.UI : Origin.Source.API);
        request.setAttribute(ATTRIBUTE, origin);
        response.setHeader(HEADER, origin.requestId());
        MDC.put("requestId", origin.requestId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    static Origin of(HttpServletRequest request) {
        Object origin = request.getAttribute(ATTRIBUTE);
        return origin instanceof Origin known ? known : Origin.generated(Origin.Source.API);
    }
}
