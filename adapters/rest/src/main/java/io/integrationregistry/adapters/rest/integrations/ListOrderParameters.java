package io.integrationregistry.adapters.rest.integrations;

import io.integrationregistry.adapters.rest.problem.FieldProblem;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery.Direction;
import io.integrationregistry.application.integrations.port.in.IntegrationQuery.SortKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The list's {@code sort} and {@code direction} parameters: absent or blank means by name, ascending; any other
 * value than those named is a broken field, never a silent default.
 */
record ListOrderParameters(SortKey sort, Direction direction, List<FieldProblem> problems) {

    private static final Map<String, SortKey> SORT_KEYS =
            Map.of("name", SortKey.NAME, "status", SortKey.STATUS, "updatedAt", SortKey.UPDATED_AT);

    private static final Map<String, Direction> DIRECTIONS = Map.of("asc", Direction.ASC, "desc", Direction.DESC);

    static ListOrderParameters read(String sort, String direction) {
        List<FieldProblem> problems = new ArrayList<>();
        SortKey key = SortKey.NAME;
        if (sort != null && !sort.isBlank()) {
            key = SORT_KEYS.get(sort.strip());
            if (key == null) {
                problems.add(FieldProblem.of("sort", "must be name, status or updatedAt"));
            }
        }
        Direction way = Direction.ASC;
        if (direction != null && !direction.isBlank()) {
            way = DIRECTIONS.get(direction.strip());
            if (way == null) {
                problems.add(FieldProblem.of("direction", "must be asc or desc"));
            }
        }
        return new ListOrderParameters(key, way, List.copyOf(problems));
    }
}
