package io.integrationregistry.application;

import io.integrationregistry.application.port.in.ForConnectingAccounts;
import io.integrationregistry.application.port.in.ForTestingConnections;
import io.integrationregistry.application.port.in.ForUsingDocuments;
import io.integrationregistry.application.port.out.ForCallingProviders;
import io.integrationregistry.application.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.port.out.ForKeepingConnections;
import io.integrationregistry.application.port.out.ForObtainingTokens;
import io.integrationregistry.application.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.port.out.ForSealingSecrets;
import io.integrationregistry.application.port.out.ForStoringIntegrations;

import java.time.Clock;

/** The use cases that reach providers, sharing one way of choosing credentials and refreshing tokens. */
public record ProviderServices(ForUsingDocuments documents, ForConnectingAccounts accounts,
                               ForTestingConnections tests) {

    public static ProviderServices create(ForStoringIntegrations store, ForSealingSecrets secrets,
                                          ForKeepingConnections connections, ForKeepingAuthorizationStates states,
                                          ForObtainingTokens tokens, ForCallingProviders providers, Clock clock,
                                          ForRecordingConnectionTests connectionTests) {
        ProviderAccess access = new ProviderAccess(store, secrets, connections, tokens, clock);
        return new ProviderServices(new DocumentGateway(providers, access),
                new OAuth2Connections(access, states, connections, tokens, secrets, clock),
                new ConnectionTester(providers, access, secrets, connectionTests, clock));
    }
}
