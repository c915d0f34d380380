package io.integrationregistry.bootstrap.reliability;

import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every endpoint the running application serves, read from its handler mappings: the controllers'
 * {@code @RequestMapping} methods (the API, the OAuth2 callback, {@code /auth/**}, the error controller, the
 * OpenAPI and Swagger UI controllers), the Actuator endpoints exposed over the web, and the URL mappings
 * (the admin page at {@code /}, static resources).
 *
 * <p>An endpoint is named {@code METHOD pattern}, e.g. {@code GET /api/integrations/{id}}; {@code *} stands
 * for a mapping that takes every method. When two mappings share a method and a pattern (they differ in
 * what they produce), each name ends with {@code [produces]}, {@code [any]} for the one that produces
 * anything.
 */
final class AccessEndpoints {

    private AccessEndpoints() {}

    static Set<String> of(ApplicationContext context) {
        Map<String, List<String>> producesByEndpoint = new TreeMap<>();
        Set<String> endpoints = new TreeSet<>();
        for (HandlerMapping mapping :
                context.getBeansOfType(HandlerMapping.class).values()) {
            if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
                for (RequestMappingInfo info : infos.getHandlerMethods().keySet()) {
                    Set<String> methods = info.getMethodsCondition().getMethods().stream()
                            .map(Enum::name)
                            .collect(Collectors.toCollection(TreeSet::new));
                    if (methods.isEmpty()) {
                        methods = Set.of("*");
                    }
                    String produces =
                            info.getProducesCondition().getExpressions().isEmpty()
                                    ? "any"
                                    : info.getProducesCondition().getExpressions().stream()
                                            .map(Object::toString)
                                            .sorted()
                                            .collect(Collectors.joining(","));
                    for (String method : methods) {
                        for (String pattern : info.getPatternValues()) {
                            producesByEndpoint
                                    .computeIfAbsent(method + " " + pattern, key -> new ArrayList<>())
                                    .add(produces);
                        }
                    }
                }
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                // resource handlers and the welcome page answer GET (and HEAD)
                urls.getHandlerMap().keySet().forEach(pattern -> endpoints.add("GET " + pattern));
                if (urls.getRootHandler() != null) {
                    endpoints.add("GET /");
                }
            } else if (mapping instanceof RouterFunctionMapping functions && functions.getRouterFunction() != null) {
                endpoints.add("ROUTES " + functions.getRouterFunction());
            }
        }
        producesByEndpoint.forEach((endpoint, produces) -> {
            if (produces.size() == 1) {
                endpoints.add(endpoint);
            } else {
                produces.forEach(type -> endpoints.add(endpoint + " [" + type + "]"));
            }
        });
        return endpoints;
    }
}
