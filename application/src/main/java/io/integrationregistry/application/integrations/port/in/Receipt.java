package io.integrationregistry.application.integrations.port.in;

import io.integrationregistry.domain.IntegrationId;

/**
 * The answer to an accepted command: the integration as it is after the command, its version (the
 * sequence number of its last event; unchanged when the command changed nothing) and whether the
 * command changed anything. Once a receipt is given, every read shows at least this version.
 */
public record Receipt(IntegrationId integrationId, long version, boolean changed, IntegrationView integration) {}
