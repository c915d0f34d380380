package io.integrationregistry.adapters.rest.documents;

import io.integrationregistry.application.documents.port.out.ProviderFailure;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.ClientAbortException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * What becomes of a download whose provider failed midway. Before the first byte left, the response is
 * reset and the failure answered as a problem detail (502, or 504 past a deadline). After, nothing can
 * be said any more, and the client must not take what it got for the whole file: the request is marked,
 * and once the controller returned this filter throws the servlet container's "client abort", which the
 * container answers by closing the connection at once (short of a declared length, without the final
 * chunk of a chunked answer) and logs without a stack trace. Thrown from the controller instead, it would
 * be taken for a client that went away, and the answer would be ended as if complete.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
final class BrokenTransfer extends OncePerRequestFilter {

    private static final String ATTRIBUTE = BrokenTransfer.class.getName();

    /**
     * Throws the provider's failure when the response can still be replaced (having reset it); otherwise
     * marks the transfer to be broken off once the controller returns.
     */
    static void failed(ProviderFailure failure, HttpServletRequest request, HttpServletResponse response) {
        if (!response.isCommitted()) {
            response.reset();
            throw failure;
        }
        request.setAttribute(ATTRIBUTE, failure);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (request.getAttribute(ATTRIBUTE) instanceof ProviderFailure failure) {
            throw new ClientAbortException("the provider's transfer broke off: " + failure.getMessage(), failure);
        }
    }
}
