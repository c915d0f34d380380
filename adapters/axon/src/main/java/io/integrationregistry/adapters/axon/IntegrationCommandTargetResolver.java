package io.integrationregistry.adapters.axon;

import io.integrationregistry.domain.IntegrationCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Routes a domain command to its aggregate by the integration id it carries, so that the commands
 * stay plain records without framework annotations. Versions are checked by the aggregate itself.
 */
final class IntegrationCommandTargetResolver implements CommandTargetResolver {

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof IntegrationCommand integrationCommand)) {
            throw new IllegalArgumentException("not an integration command: " + command.getCommandName());
        }
        return new VersionedAggregateIdentifier(
                (Object) integrationCommand.integrationId().value(), null);
    }
}
