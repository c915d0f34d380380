package io.integrationregistry.bootstrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The service's own settings.
 *
 * @param publicUrl           where users and providers reach this service (the redirect URIs start with it)
 * @param allowPlainHttp      accept provider URLs over plain http (local development only)
 * @param nameReservationGrace how long a name reservation counts as in flight before it may be taken over
 * @param readYourWritesTimeout how long a command waits for the read model to show its effect
 * @param idempotencyRetention how long an Idempotency-Key is remembered
 * @param mongo               how long to wait for MongoDB before reporting it unavailable
 * @param embeddedMongo       the embedded MongoDB-wire server used when no MongoDB URI is configured
 * @param secrets             the master key that seals secrets
 */
@ConfigurationProperties("registry")
public record RegistryProperties(@DefaultValue("http://localhost:8080") URI publicUrl,
                                 @DefaultValue("false") boolean allowPlainHttp,
                                 @DefaultValue("PT1M") Duration nameReservationGrace,
                                 @DefaultValue("PT5S") Duration readYourWritesTimeout,
                                 @DefaultValue("PT24H") Duration idempotencyRetention,
                                 @DefaultValue Mongo mongo,
                                 @DefaultValue EmbeddedMongo embeddedMongo,
                                 @DefaultValue Secrets secrets) {

    /**
     * @param serverSelectionTimeout how long to look for a reachable server
     * @param connectTimeout         how long to wait for a connection
     * @param readTimeout            how long to wait for an answer
     */
    public record Mongo(@DefaultValue("PT3S") Duration serverSelectionTimeout,
                        @DefaultValue("PT2S") Duration connectTimeout,
                        @DefaultValue("PT10S") Duration readTimeout) {
    }

    /**
     * @param path folder of the data file (and of the generated master key)
     * @param port loopback port to listen on; 0 picks a free one
     */
    public record EmbeddedMongo(@DefaultValue("./data") Path path, @DefaultValue("0") int port) {
    }

    /** @param keyset the Tink JSON keyset (AES-256-GCM) that seals secrets; required with an external MongoDB */
    public record Secrets(String keyset) {
    }
}
