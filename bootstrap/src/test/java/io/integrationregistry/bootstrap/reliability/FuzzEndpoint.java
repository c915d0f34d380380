package io.integrationregistry.bootstrap.reliability;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One endpoint of the running service as Spring MVC maps it: a method, a path pattern and its query parameters. */
record FuzzEndpoint(String method, String pattern, List<String> parameters, Body body) {

    /** What a well-formed request to the endpoint carries. */
    enum Body {
        NONE,
        CREATION,
        EDIT,
        FILE
    }

    String name() {
        return method + " " + pattern;
    }

    @Override
    public String toString() {
        return name();
    }

    /** Every endpoint of the handler mapping, so that an endpoint added later is fuzzed too. */
    static List<FuzzEndpoint> of(RequestMappingHandlerMapping mapping) {
        Map<String, FuzzEndpoint> endpoints = new TreeMap<>();
        DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> methods = new LinkedHashSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.add(RequestMethod.GET.name());
                methods.add(RequestMethod.POST.name());
            }
            List<String> parameters = new ArrayList<>();
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
                if (requestParam != null) {
                    parameter.initParameterNameDiscovery(names);
                    parameters.add(
                            !requestParam.name().isEmpty()
                                    ? requestParam.name()
                                    : !requestParam.value().isEmpty()
                                            ? requestParam.value()
                                            : parameter.getParameterName());
                }
            }
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    FuzzEndpoint endpoint =
                            new FuzzEndpoint(method, pattern, List.copyOf(parameters), body(method, pattern));
                    endpoints.merge(
                            endpoint.name(),
                            endpoint,
                            (known, added) -> known.parameters().size()
                                            >= added.parameters().size()
                                    ? known
                                    : added);
                }
            }
        }
        List<FuzzEndpoint> sorted = new ArrayList<>(endpoints.values());
        sorted.sort(Comparator.comparing(FuzzEndpoint::name));
        return List.copyOf(sorted);
    }

    private static Body body(String method, String pattern) {
        if (method.equals("POST")
                && (pattern.equals("/api/integrations") || pattern.equals("/api/integrations/test"))) {
            return Body.CREATION;
        }
        if ((method.equals("PUT") && pattern.equals("/api/integrations/{id}"))
                || (method.equals("POST") && pattern.equals("/api/integrations/{id}/test"))) {
            return Body.EDIT;
        }
        if (method.equals("POST") && pattern.endsWith("/uploads")) {
            return Body.FILE;
        }
        return Body.NONE;
    }
}
