package io.integrationregistry.adapters.rest;

/** One broken field of a request: its name, the rule it breaks, and a sentence for people. */
public record FieldProblem(String field, String rule, String message) {

    static FieldProblem of(String field, String rule) {
        return new FieldProblem(field, rule, field + " " + rule);
    }
}
