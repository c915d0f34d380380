package io.integrationregistry.adapters.rest.problem;

/** One broken field of a request: its name, the rule it breaks, and a sentence for people. */
public record FieldProblem(String field, String rule, String message) {

    public static FieldProblem of(String field, String rule) {
        return new FieldProblem(field, rule, field + " " + rule);
    }
}
