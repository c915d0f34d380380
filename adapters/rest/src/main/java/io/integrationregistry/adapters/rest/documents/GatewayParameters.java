package io.integrationregistry.adapters.rest.documents;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.adapters.rest.problem.InvalidRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the query parameters of the document calls and collects every broken one, so that a caller
 * learns all of them at once. Ids and names are opaque to the service: they only have to be present,
 * of reasonable length and free of control characters.
 */
final class GatewayParameters {

    static final int MAX_TEXT = 1_024;
    static final int MAX_PAGE = 1_000;
    static final int MAX_THUMBNAIL_WIDTH = 4_096;

    private final List<FieldProblem> problems = new ArrayList<>();

    String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            problems.add(FieldProblem.of(field, "is required"));
            return null;
        }
        return text(field, value);
    }

    String optional(String field, String value) {
        return value == null || value.isEmpty() ? null : text(field, value);
    }

    Integer number(String field, String value, int min, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        problems.add(FieldProblem.of(field, "must be a whole number from " + min + " to " + max));
        return null;
    }

    /** Throws the collected problems, if any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    void add(FieldProblem problem) {
        problems.add(problem);
    }

    private String text(String field, String value) {
        if (value.length() > MAX_TEXT) {
            problems.add(FieldProblem.of(field, "must be at most " + MAX_TEXT + " characters"));
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            problems.add(FieldProblem.of(field, "must not contain control characters"));
            return null;
        }
        return value;
    }
}
