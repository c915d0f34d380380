package io.integrationregistry.adapters.rest;

import io.integrationregistry.domain.IntegrationId;
import io.integrationregistry.domain.IntegrationRuleViolation;
import io.integrationregistry.domain.InvalidValue;
import org.springframework.core.convert.converter.Converter;

/**
 * An integration id from a path: an id that cannot exist is answered like any unknown one (404), never as a
 * malformed request, so that the answer tells nothing an unknown id would not.
 */
public final class IntegrationIdConverter implements Converter<String, IntegrationId> {

    @Override
    public IntegrationId convert(String raw) {
        return parse(raw);
    }

    /** @throws IntegrationRuleViolation the integration must exist, for an id no integration could have */
    public static IntegrationId parse(String raw) {
        try {
            return new IntegrationId(raw);
        } catch (InvalidValue notAnId) {
            throw new IntegrationRuleViolation(IntegrationRuleViolation.Rule.INTEGRATION_MUST_EXIST, "unknown id");
        }
    }
}
