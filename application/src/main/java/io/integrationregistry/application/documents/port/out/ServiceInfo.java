package io.integrationregistry.application.documents.port.out;

import java.util.List;

/**
 * What a provider says about itself at {@code serviceInfo}. {@code customActions} is kept as the plain
 * maps, lists and scalars the provider sent, since the Document Webhooks API does not fix its shape.
 */
public record ServiceInfo(
        String webhookVersion,
        String version,
        String publisher,
        List<String> availableEndpoints,
        List<Object> customActions) {

    public ServiceInfo {
        availableEndpoints = availableEndpoints == null ? List.of() : List.copyOf(availableEndpoints);
        customActions = customActions == null ? List.of() : java.util.Collections.unmodifiableList(customActions);
    }
}
