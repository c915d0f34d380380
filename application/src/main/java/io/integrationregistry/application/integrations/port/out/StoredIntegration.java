package io.integrationregistry.application.integrations.port.out;

import io.integrationregistry.domain.Integration;

/** An integration folded from its events, and the sequence number of its last event. */
public record StoredIntegration(Integration integration, long version) {}
