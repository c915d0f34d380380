package io.integrationregistry.adapters.rest.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.application.integrations.IdReservations;
import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.InvalidValue;

import java.util.List;
import java.util.Optional;

/** The optional {@code reservedId} of a creation request: an integration id reserved beforehand. */
final class ReservedIds {

    static final String FIELD = IdReservations.FIELD;

    private ReservedIds() {}

    /** The reserved id the request names, if it names a well-formed one; else its problem is recorded. */
    static Optional<IntegrationId> read(JsonNode root, List<FieldProblem> problems) {
        JsonNode value = root.get(FIELD);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problems.add(FieldProblem.of(FIELD, "must be a string"));
            return Optional.empty();
        }
        try {
            return Optional.of(new IntegrationId(value.textValue()));
        } catch (InvalidValue invalid) {
            problems.add(FieldProblem.of(FIELD, invalid.rule()));
            return Optional.empty();
        }
    }
}
