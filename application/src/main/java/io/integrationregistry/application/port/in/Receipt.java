package io.integrationregistry.application.port.in;

import io.integrationregistry.domain.IntegrationId;

/**
 * The answer to an accepted command: the integration and its version after the command (the
 * sequence number of its last event; unchanged when the command changed nothing).
 */
public record Receipt(IntegrationId integrationId, long version, boolean changed) {
}
