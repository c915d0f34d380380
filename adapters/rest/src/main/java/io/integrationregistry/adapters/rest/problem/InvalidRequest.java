package io.integrationregistry.adapters.rest.problem;

import java.util.List;

/** A request refused for its content, with every broken field named at once. */
public final class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequest(List<FieldProblem> problems) {
        super(problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public static InvalidRequest of(String field, String rule) {
        return new InvalidRequest(List.of(FieldProblem.of(field, rule)));
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
