package io.integrationregistry.adapters.rest;

import io.integrationregistry.adapters.rest.security.Callers;
import io.integrationregistry.application.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.security.Principal;

/**
 * A handler's {@link Caller} argument: the signed-in user and their company ({@link Callers#of}), within
 * the request's origin ({@link RequestIds}). Nobody signed in is a 401, a user without a (valid) company a 403.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Caller.class.equals(parameter.getParameterType());
    }

    @Override
    public Caller resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest webRequest,
            WebDataBinderFactory binders) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        Principal principal = request == null ? null : request.getUserPrincipal();
        Caller caller = Callers.of(principal instanceof Authentication authentication ? authentication : null);
        return request == null ? caller : caller.within(RequestIds.of(request));
    }
}
