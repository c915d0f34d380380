package io.integrationregistry.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The service's own settings.
 *
 * @param publicUrl           where users and providers reach this service (the redirect URIs start with it)
 * @param outbound            how the service calls providers
 * @param nameReservationGrace how long a name reservation counts as in flight before it may be taken over
 * @param readYourWritesTimeout how long a command waits for the read model to show its effect
 * @param idempotencyRetention how long an Idempotency-Key is remembered
 * @param mongo               how long to wait for MongoDB before reporting it unavailable
 * @param embeddedMongo       the embedded MongoDB-wire server used when no MongoDB URI is configured
 * @param secrets             the master keys that wrap the data keys sealing secrets
 * @param providerCalls       how the log of provider calls keeps them
 * @param integrations        how integration ids are reserved before an integration is created
 */
@ConfigurationProperties("registry")
public record RegistryProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("PT1M") Duration nameReservationGrace,
        @DefaultValue("PT5S") Duration readYourWritesTimeout,
        @DefaultValue("PT24H") Duration idempotencyRetention,
        @DefaultValue Mongo mongo,
        @DefaultValue EmbeddedMongo embeddedMongo,
        @DefaultValue Secrets secrets,
        @DefaultValue Outbound outbound,
        @DefaultValue ProviderCalls providerCalls,
        @DefaultValue Integrations integrations) {

    /**
     * @param reservationTtl       how long a reserved integration id may be used to create its integration
     * @param maxOpenReservations  reserved ids a company may hold at once, not yet used nor expired
     */
    public record Integrations(
            @DefaultValue("PT24H") Duration reservationTtl,
            @DefaultValue("100") int maxOpenReservations) {}

    /**
     * @param queueCapacity     calls waiting to be written at most; more are dropped (and counted)
     * @param flushInterval     how long the writer rests after each bulk write of the waiting calls
     * @param retention         how long a call is kept (a TTL index; reads leave older calls out)
     * @param maxPerIntegration calls kept per integration at most; the oldest beyond are trimmed
     */
    public record ProviderCalls(
            @DefaultValue("10000") int queueCapacity,
            @DefaultValue("PT1S") Duration flushInterval,
            @DefaultValue("P7D") Duration retention,
            @DefaultValue("1000") int maxPerIntegration) {}

    /**
     * @param allowPlainHttp      accept and call provider URLs over plain http (local development only)
     * @param allowedPrivateHosts names, addresses and CIDR ranges of on-premise providers that may be
     *                            called although they are not on the public internet (comma-separated)
     * @param connectTimeout      how long to wait for a connection to a provider
     * @param readTimeout         how long to wait for a provider's answer
     * @param maxAnswerSize       the largest JSON answer read from a provider
     * @param maxDownloadSize     the largest file streamed through from a provider
     * @param callDeadline        how long a provider call answered in JSON may take from start to end
     * @param transferDeadline    how long a download, thumbnail or upload may take from start to end
     * @param minimumTransferRate the least a download or upload must move per second, measured over each
     *                            {@code transferRateWindow}; 0 for no minimum
     * @param transferRateWindow  the span over which the transfer rate is measured
     * @param maxConcurrentCallsPerIntegration document calls that may be under way at once to one integration
     * @param maxConcurrentCallsPerCompany     document calls that may be under way at once for one company
     */
    public record Outbound(
            @DefaultValue("false") boolean allowPlainHttp,
            @DefaultValue("") String allowedPrivateHosts,
            @DefaultValue("PT5S") Duration connectTimeout,
            @DefaultValue("PT30S") Duration readTimeout,
            @DefaultValue("10MB") DataSize maxAnswerSize,
            @DefaultValue("2GB") DataSize maxDownloadSize,
            @DefaultValue("PT30S") Duration callDeadline,
            @DefaultValue("PT10M") Duration transferDeadline,
            @DefaultValue("1KB") DataSize minimumTransferRate,
            @DefaultValue("PT30S") Duration transferRateWindow,
            @DefaultValue("16") int maxConcurrentCallsPerIntegration,
            @DefaultValue("32") int maxConcurrentCallsPerCompany) {}

    /**
     * @param serverSelectionTimeout how long to look for a reachable server
     * @param connectTimeout         how long to wait for a connection
     * @param readTimeout            how long to wait for an answer
     */
    public record Mongo(
            @DefaultValue("PT3S") Duration serverSelectionTimeout,
            @DefaultValue("PT2S") Duration connectTimeout,
            @DefaultValue("PT10S") Duration readTimeout) {}

    /**
     * @param path folder of the data file (and of the generated master key)
     * @param port loopback port to listen on; 0 picks a free one
     */
    public record EmbeddedMongo(
            @DefaultValue("./data") Path path,
            @DefaultValue("0") int port) {}

    /**
     * @param keyset           one master key as a Tink JSON keyset (AES-256-GCM), with the id {@code default};
     *                         the older, single-key form of {@code masterKeys}
     * @param masterKeys       the named master keys, exactly one of them primary; one of the two forms is
     *                         required with an external MongoDB
     * @param dataKeyCacheSize how many unwrapped data keys each instance keeps in memory
     */
    public record Secrets(
            String keyset,
            List<MasterKey> masterKeys,
            @DefaultValue("10000") int dataKeyCacheSize) {

        public Secrets {
            masterKeys = masterKeys == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(masterKeys));
        }
    }

    /**
     * @param id      names the key in the stored data keys: letters, digits, '.', '_' or '-', unique
     * @param keyset  the Tink JSON keyset (AES-256-GCM)
     * @param primary whether it wraps new data keys (and all of them at a re-wrap); exactly one is
     */
    public record MasterKey(String id, String keyset, boolean primary) {

        @Override
        public String toString() {
            return "MasterKey[id=" + id + ", keyset=(hidden), primary=" + primary + "]";
        }
    }
}
