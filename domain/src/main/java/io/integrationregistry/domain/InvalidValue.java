package io.integrationregistry.domain;

/**
 * A value refused by the rule of the field it was meant for. {@link #field()} names the field and
 * {@link #rule()} the rule in words, so that a caller can tell the user exactly what to fix.
 */
public final class InvalidValue extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidValue(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    public String field() {
        return field;
    }

    public String rule() {
        return rule;
    }
}
