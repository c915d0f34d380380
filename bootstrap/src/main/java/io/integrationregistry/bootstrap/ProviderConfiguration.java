package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.mongo.MongoAuthorizationStates;
import io.integrationregistry.adapters.mongo.MongoConnections;
import io.integrationregistry.adapters.providerhttp.GuardedHttpClient;
import io.integrationregistry.adapters.providerhttp.GuardedOutboundUrls;
import io.integrationregistry.adapters.providerhttp.HostResolver;
import io.integrationregistry.adapters.providerhttp.HttpDocumentProvider;
import io.integrationregistry.adapters.providerhttp.HttpTokenEndpoint;
import io.integrationregistry.adapters.providerhttp.MeteredTokenEndpoint;
import io.integrationregistry.adapters.providerhttp.OutboundGuard;
import io.integrationregistry.adapters.providerhttp.OutboundPolicy;
import io.integrationregistry.adapters.providerhttp.ProviderCallMeters;
import io.integrationregistry.adapters.providerhttp.ProviderHttpSettings;
import io.integrationregistry.application.connections.ConnectionTestService;
import io.integrationregistry.application.connections.OAuth2ConnectionService;
import io.integrationregistry.application.connections.ProviderAccessService;
import io.integrationregistry.application.connections.port.in.ForConnectingAccounts;
import io.integrationregistry.application.connections.port.in.ForTestingConnections;
import io.integrationregistry.application.connections.port.out.ForKeepingAuthorizationStates;
import io.integrationregistry.application.connections.port.out.ForKeepingConnections;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;
import io.integrationregistry.application.documents.DocumentService;
import io.integrationregistry.application.documents.ProviderCallLimits;
import io.integrationregistry.application.documents.port.in.ForUsingDocuments;
import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.integrations.port.out.ForJudgingOutboundUrls;
import io.integrationregistry.application.integrations.port.out.ForStoringIntegrations;
import io.integrationregistry.application.shared.ForSealingSecrets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
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
        return new OutboundGuard(
                OutboundPolicy.of(outbound.allowPlainHttp(), outbound.allowedPrivateHosts()), HostResolver.SYSTEM);
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

    /** The connection pool's meters, tagged {@code httpclient=providers}. */
    @Bean
    MeterBinder providerHttpClientPoolMeters(GuardedHttpClient client) {
        return client.poolMeters("providers");
    }

    /** Every provider call timed, one of the observers of the document calls. */
    @Bean
    ProviderCallMeters providerCallMeters(MeterRegistry registry) {
        return new ProviderCallMeters(registry);
    }

    /** The token endpoint as the services use it: each request timed by outcome. */
    @Bean
    MeteredTokenEndpoint meteredTokenEndpoint(HttpTokenEndpoint tokens, MeterRegistry registry) {
        return new MeteredTokenEndpoint(tokens, registry);
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

    /** One provider access for the documents, the connections and the connection tests. */
    @Bean
    ProviderAccessService providerAccess(
            ForStoringIntegrations store,
            ForSealingSecrets secrets,
            ForKeepingConnections connections,
            MeteredTokenEndpoint tokens,
            Clock clock) {
        return new ProviderAccessService(store, secrets, connections, tokens, clock);
    }

    /**
     * The document calls, each company's and each integration's bounded in number, and each observed by
     * every {@link ForObservingProviderCalls} bean once it has ended.
     */
    @Bean
    ForUsingDocuments documents(
            HttpDocumentProvider providers,
            ProviderAccessService access,
            ObjectProvider<ForObservingProviderCalls> observers,
            RegistryProperties properties,
            Clock clock) {
        RegistryProperties.Outbound outbound = properties.outbound();
        return new ProviderCallLimits(
                new DocumentService(
                        providers,
                        access,
                        ForObservingProviderCalls.all(observers.orderedStream().toList()),
                        clock),
                outbound.maxConcurrentCallsPerIntegration(),
                outbound.maxConcurrentCallsPerCompany());
    }

    @Bean
    ForConnectingAccounts accounts(
            ProviderAccessService access,
            ForKeepingAuthorizationStates states,
            ForKeepingConnections connections,
            MeteredTokenEndpoint tokens,
            ForSealingSecrets secrets,
            Clock clock) {
        return new OAuth2ConnectionService(access, states, connections, tokens, secrets, clock);
    }

    @Bean
    ForTestingConnections connectionTests(
            HttpDocumentProvider providers,
            ProviderAccessService access,
            ForSealingSecrets secrets,
            ForRecordingConnectionTests records,
            Clock clock) {
        return new ConnectionTestService(providers, access, secrets, records, clock);
    }

    private static ProviderHttpSettings settings(RegistryProperties properties) {
        RegistryProperties.Outbound outbound = properties.outbound();
        return new ProviderHttpSettings(
                outbound.connectTimeout(),
                outbound.readTimeout(),
                outbound.maxAnswerSize().toBytes(),
                outbound.maxDownloadSize().toBytes(),
                outbound.callDeadline(),
                outbound.transferDeadline(),
                outbound.minimumTransferRate().toBytes(),
                outbound.transferRateWindow());
    }
}
