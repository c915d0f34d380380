package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.domain.QueryParameter;

import java.util.ArrayList;
import java.util.List;

/** The parameters of one call, in order; a parameter given as null is left out of the URL. */
final class CallParameters {

    private final List<QueryParameter> parameters = new ArrayList<>();

    static CallParameters none() {
        return new CallParameters();
    }

    static CallParameters with(String name, Object value) {
        return new CallParameters().and(name, value);
    }

    CallParameters and(String name, Object value) {
        if (value != null) {
            parameters.add(new QueryParameter(name, value.toString()));
        }
        return this;
    }

    List<QueryParameter> list() {
        return List.copyOf(parameters);
    }
}
