package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads IntegrationEdited events stored before revision 2, whose query string was named
 * {@code queryString}, as revision 2. Events stored without a revision that already use the new name
 * pass through unchanged.
 */
final class IntegrationEditedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = IntegrationEdited.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(TYPE, EventRevisions.INTEGRATION_EDITED_2);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            if (payload instanceof ObjectNode event && event.has("queryString")) {
                event.set("requestParameters", event.remove("queryString"));
            }
            return payload;
        });
    }
}
