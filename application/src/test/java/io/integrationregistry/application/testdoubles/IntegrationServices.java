package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.integrations.IdReservations;
import io.integrationregistry.application.integrations.IntegrationService;
import io.integrationregistry.application.integrations.ReadYourWrites;
import io.integrationregistry.application.integrations.RegistrySettings;
import io.integrationregistry.application.integrations.TransportPolicy;
import io.integrationregistry.application.integrations.port.out.ForGeneratingIdentifiers;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.integrations.port.out.ForListingIntegrations;
import io.integrationregistry.application.integrations.port.out.ForRememberingIdempotencyKeys;
import io.integrationregistry.application.integrations.port.out.ForReservingNames;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.ForSealingSecrets;

import java.time.Clock;
import java.time.Duration;

/** The integrations' use cases, wired as the service wires them, with the settings' policies. */
public final class IntegrationServices {

    private IntegrationServices() {}

    public static IntegrationService of(
            ForStoringIntegrations store,
            ForListingIntegrations list,
            ForSealingSecrets secrets,
            ForGeneratingIdentifiers identifiers,
            ForReservingNames reservations,
            ForRememberingIdempotencyKeys idempotencyKeys,
            Clock clock,
            RegistrySettings settings,
            ForJudgingOutboundUrls outbound,
            ForKeepingConnections connections) {
        return new IntegrationService(
                store,
                list,
                secrets,
                identifiers,
                reservations,
                idempotencyKeys,
                clock,
                settings,
                new TransportPolicy(settings.plainHttp(), outbound),
                new ReadYourWrites(list, store, settings.readYourWritesTimeout()),
                connections,
                new IdReservations(new InMemoryIdReservations(), identifiers, store, clock, Duration.ofHours(24), 100));
    }
}
