package io.integrationregistry.application.connections;

import io.integrationregistry.domain.QueryParameter;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The authorization request's URL: the authentication URL an administrator entered, with its own query
 * (such as {@code prompt=consent} or {@code audience=…}) kept as it was written, and the service's
 * parameters added. A parameter the service sets itself is never sent twice: where the authentication
 * URL or the integration's request parameters carry one of them, the service's value is the only one.
 */
final class AuthorizationUrl {

    private AuthorizationUrl() {}

    /**
     * @param authenticationUrl the administrator's URL, with or without a query (it holds no fragment)
     * @param own               the service's parameters, whose names are in {@code ownNames}
     * @param requestParameters the integration's parameters, added unless they name one of {@code ownNames}
     */
    static URI compose(
            String authenticationUrl,
            List<QueryParameter> own,
            List<QueryParameter> requestParameters,
            Set<String> ownNames) {
        int question = authenticationUrl.indexOf('?');
        String base = question < 0 ? authenticationUrl : authenticationUrl.substring(0, question);
        List<String> query = new ArrayList<>();
        if (question >= 0) {
            for (String pair : authenticationUrl.substring(question + 1).split("&")) {
                if (!pair.isEmpty() && !ownNames.contains(nameOf(pair))) {
                    query.add(pair);
                }
            }
        }
        own.forEach(parameter -> query.add(parameter.encoded()));
        requestParameters.stream()
                .filter(parameter -> !ownNames.contains(parameter.name()))
                .forEach(parameter -> query.add(parameter.encoded()));
        return URI.create(base + "?" + String.join("&", query));
    }

    /** The decoded name of a {@code name=value} pair; as written, should it not decode. */
    private static String nameOf(String pair) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
