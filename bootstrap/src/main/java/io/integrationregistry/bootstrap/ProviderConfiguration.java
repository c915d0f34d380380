package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.mongo.MongoAuthorizationStates;
import io.integrationregistry.adapters.mongo.MongoConnections;
import io.integrationregistry.adapters.providerhttp.GuardedHttpClient;
import io.integrationregistry.adapters.providerhttp.GuardedOutboundUrls;
import io.integrationregistry.adapters.providerhttp.HostResolver;
import io.integrationregistry.adapters.providerhttp.HttpDocumentProvider;
import io.integrationregistry.adapters.providerhttp.HttpTokenEndpoint;
import io.integrationregistry.adapters.providerhttp.OutboundGuard;
import io.integrationregistry.adapters.providerhttp.OutboundPolicy;
import io.integrationregistry.adapters.providerhttp.ProviderHttpSettings;
import io.integrationregistry.application.ProviderCallLimits;
import io.integrationregistry.application.ProviderServices;
import io.integrationregistry.application.port.in.ForConnectingAccounts;
import io.integrationregistry.application.port.in.ForTestingConnections;
import io.integrationregistry.application.port.in.ForUsingDocuments;
import io.integrationregistry.application.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.port.out.ForKeepingConnections;
import io.integrationregistry.application.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.port.out.ForSealingSecrets;
import io.integrationregistry.application.port.out.ForStoringIntegrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** Wires the calls to providers: the outbound guard, the HTTP client, OAuth 2.0 connections. */
@Configuration(proxyBeanMethods = false)
class ProviderConfiguration {

    @Bean
    OutboundGuard outboundGuard(RegistryProperties properties) {
        RegistryProperties.Outbound outbound = properties.outbound();
        return new OutboundGuard(OutboundPolicy.of(outbound.allowPlainHttp(), outbound.allowedPrivateHosts()),
                HostResolver.SYSTEM);
    }

    @Bean
    ForJudgingOutboundUrls outboundUrls(OutboundGuard guard) {
        return new GuardedOutboundUrls(guard);
    }

    /** One connection pool for every provider call and token request; closed with the context. */
    @Bean
    GuardedHttpClient providerHttpClient(OutboundGuard guard, RegistryProperties properties) {
        return new GuardedHttpClient(guard, settings(properties));
    }

    @Bean
    HttpDocumentProvider documentProvider(GuardedHttpClient client) {
        return new HttpDocumentProvider(client);
    }

    @Bean
    HttpTokenEndpoint tokenEndpoint(GuardedHttpClient client) {
        return new HttpTokenEndpoint(client);
    }

    @Bean
    ForKeepingConnections connections(MongoTemplate mongo) {
        MongoConnections connections = new MongoConnections(mongo);
        connections.ensureIndexes();
        return connections;
    }

    @Bean
    ForKeepingAuthorizationStates authorizationStates(MongoTemplate mongo) {
        MongoAuthorizationStates states = new MongoAuthorizationStates(mongo);
        states.ensureIndexes();
        return states;
    }

    @Bean
    ProviderServices providerServices(ForStoringIntegrations store, ForSealingSecrets secrets,
                                      ForKeepingConnections connections, ForKeepingAuthorizationStates states,
                                      HttpTokenEndpoint tokens, HttpDocumentProvider providers, Clock clock,
                                      ForRecordingConnectionTests connectionTestRecords) {
        return ProviderServices.create(store, secrets, connections, states, tokens, providers, clock,
                connectionTestRecords);
    }

    /** The document calls, each company's and each integration's bounded in number. */
    @Bean
    ForUsingDocuments documents(ProviderServices services, RegistryProperties properties) {
        RegistryProperties.Outbound outbound = properties.outbound();
        return new ProviderCallLimits(services.documents(), outbound.maxConcurrentCallsPerIntegration(),
                outbound.maxConcurrentCallsPerCompany());
    }

    @Bean
    ForConnectingAccounts accounts(ProviderServices services) {
        return services.accounts();
    }

    @Bean
    ForTestingConnections connectionTests(ProviderServices services) {
        return services.tests();
    }

    private static ProviderHttpSettings settings(RegistryProperties properties) {
        RegistryProperties.Outbound outbound = properties.outbound();
        return new ProviderHttpSettings(outbound.connectTimeout(), outbound.readTimeout(),
                outbound.maxAnswerSize().toBytes(), outbound.maxDownloadSize().toBytes(), outbound.callDeadline(),
                outbound.transferDeadline(), outbound.minimumTransferRate().toBytes(), outbound.transferRateWindow());
    }
}
