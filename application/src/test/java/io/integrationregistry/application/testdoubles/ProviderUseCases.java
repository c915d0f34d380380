package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.connections.ConnectionTestService;
import io.integrationregistry.application.connections.OAuth2ConnectionService;
import io.integrationregistry.application.connections.ProviderAccessService;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.ForObtainingTokens;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.documents.DocumentService;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.ForSealingSecrets;

import java.time.Clock;

/** The use cases that reach providers, wired as the service wires them: around one provider access. */
public record ProviderUseCases(
        ForUsingDocuments documents, ForConnectingAccounts accounts, ForTestingConnections tests) {

    public static ProviderUseCases create(
            ForStoringIntegrations store,
            ForSealingSecrets secrets,
            ForKeepingConnections connections,
            ForKeepingAuthorizationStates states,
            ForObtainingTokens tokens,
            ForCallingProviders providers,
            Clock clock,
            ForRecordingConnectionTests connectionTests) {
        ProviderAccessService access = new ProviderAccessService(store, secrets, connections, tokens, clock);
        return new ProviderUseCases(
                new DocumentService(providers, access),
                new OAuth2ConnectionService(access, states, connections, tokens, secrets, clock),
                new ConnectionTestService(providers, access, secrets, connectionTests, clock));
    }
}
