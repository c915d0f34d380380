package io.integrationregistry.adapters.rest.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.domain.InvalidValue;
import io.integrationregistry.domain.Scopes;

import java.util.ArrayList;
import java.util.List;

/** Reads the {@code scopes} of an OAuth2 authentication: a JSON array of scope tokens. */
final class ScopesReader {

    private ScopesReader() {}

    /**
     * Left out, null or empty: no scope. Every broken token is added to {@code problems} under its index,
     * a value that is not a string as well; null means the field is broken.
     */
    static Scopes read(JsonNode value, List<FieldProblem> problems) {
        if (value == null || value.isNull()) {
            return Scopes.NONE;
        }
        if (!value.isArray()) {
            problems.add(FieldProblem.of("authentication.scopes", "must be an array of strings"));
            return null;
        }
        List<String> tokens = new ArrayList<>();
        value.forEach(token -> tokens.add(token.isTextual() ? token.textValue() : null));
        List<InvalidValue> broken = Scopes.violations(tokens);
        broken.forEach(invalid -> problems.add(FieldProblem.of(invalid.field(), invalid.rule())));
        return broken.isEmpty() ? new Scopes(tokens) : null;
    }
}
