package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.domain.InvalidValue;

import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong in a request and what the use cases' rules refuse in it, as one list: each field and
 * rule named once, in the documented order of the fields.
 */
final class DraftProblems {

    /** The documented order of an integration's fields; a field not listed keeps where it was read. */
    private static final List<String> ORDER = List.of(
            "name",
            "baseApiUrl",
            "requestParameters",
            "active",
            "authentication",
            "authentication.type",
            "authentication.authenticationUrl",
            "authentication.tokenEndpointUrl",
            "authentication.clientId",
            "authentication.clientSecret",
            "authentication.apiKey");

    private DraftProblems() {}

    /**
     * The request's problems as they were read, each judged one placed before the first read problem of a
     * field that comes after its own, and left out when that field already has that rule.
     */
    static List<FieldProblem> union(List<FieldProblem> read, List<InvalidValue> judged) {
        List<FieldProblem> all = new ArrayList<>(read);
        for (InvalidValue invalid : judged) {
            FieldProblem problem = FieldProblem.of(invalid.field(), invalid.rule());
            boolean named = all.stream()
                    .anyMatch(known -> known.field().equals(problem.field())
                            && known.rule().equals(problem.rule()));
            if (!named) {
                all.add(placeOf(all, ORDER.indexOf(problem.field())), problem);
            }
        }
        return all;
    }

    private static int placeOf(List<FieldProblem> problems, int rank) {
        if (rank < 0) {
            return problems.size();
        }
        for (int at = 0; at < problems.size(); at++) {
            if (ORDER.indexOf(problems.get(at).field()) > rank) {
                return at;
            }
        }
        return problems.size();
    }
}
