package io.integrationregistry.application.audit.port.in;

/**
 * One changed field: its value before and after; for a secret only that it changed, never a value, a
 * hash or a length.
 */
public record FieldChange(String field, String before, String after, boolean secret) {

    public static FieldChange of(String field, String before, String after) {
        return new FieldChange(field, before, after, false);
    }

    public static FieldChange secretChanged(String field) {
        return new FieldChange(field, null, null, true);
    }
}
