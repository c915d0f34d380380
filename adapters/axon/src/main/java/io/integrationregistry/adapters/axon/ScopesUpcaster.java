package io.integrationregistry.adapters.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationregistry.domain.IntegrationEvent.IntegrationAdded;
import io.integrationregistry.domain.IntegrationEvent.IntegrationEdited;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;

/**
 * Reads the events stored before OAuth2 authentication had scopes (IntegrationAdded without a revision,
 * IntegrationEdited of revision 2) in the revision that carries them: an OAuth2 authentication stored
 * then asked for no scope, so it gets an empty list. An API key authentication has no scopes and is left
 * as it is.
 */
final class ScopesUpcaster extends SingleEventUpcaster {

    private static final Map<SerializedType, SerializedType> NEXT = Map.of(
            new SimpleSerializedType(IntegrationAdded.class.getName(), null),
            new SimpleSerializedType(IntegrationAdded.class.getName(), EventRevisions.INTEGRATION_ADDED),
            new SimpleSerializedType(IntegrationEdited.class.getName(), EventRevisions.INTEGRATION_EDITED_2),
            new SimpleSerializedType(IntegrationEdited.class.getName(), EventRevisions.INTEGRATION_EDITED));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return NEXT.containsKey(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(NEXT.get(representation.getType()), JsonNode.class, payload -> {
            if (payload.get("authentication") instanceof ObjectNode authentication
                    && "OAUTH2".equals(authentication.path("type").asText())
                    && !authentication.has("scopes")) {
                authentication.putArray("scopes");
            }
            return payload;
        });
    }
}
