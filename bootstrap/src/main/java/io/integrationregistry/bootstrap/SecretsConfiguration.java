package io.integrationregistry.bootstrap;

import io.integrationregistry.adapters.embeddedmongo.EmbeddedMongoServer;
import io.integrationregistry.adapters.rest.admin.DataKeysEndpoint;
import io.integrationregistry.adapters.secrets.DataKeys;
import io.integrationregistry.adapters.secrets.EnvelopeSecretSealer;
import io.integrationregistry.adapters.secrets.MasterKeyRing;
import io.integrationregistry.adapters.secrets.MasterKeys;
import io.integrationregistry.adapters.secrets.MongoWrappedDataKeys;
import io.integrationregistry.adapters.secrets.RewrapReport;
import io.integrationregistry.application.shared.ForSealingSecrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.StringUtils;

import java.time.Clock;

/**
 * Envelope encryption of secrets: a data key per integration, kept in MongoDB wrapped by the primary
 * master key. The master keys are those of {@code registry.secrets.master-keys}, or the single keyset of
 * {@code registry.secrets.keyset}, or, on the embedded default without either, a keyset generated into
 * the data folder. With an external MongoDB and no master key, the service refuses to start rather than
 * wrap data keys with a key that would live on one machine only.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    @Bean
    MasterKeyRing masterKeys(RegistryProperties properties, ObjectProvider<EmbeddedMongoServer> embedded) {
        return masterKeyRing(properties.secrets(), embedded.getIfAvailable() != null, properties.embeddedMongo());
    }

    @Bean
    DataKeys dataKeys(MasterKeyRing masterKeys, MongoTemplate mongo, Clock clock, RegistryProperties properties) {
        return new DataKeys(
                masterKeys,
                new MongoWrappedDataKeys(mongo),
                clock,
                properties.secrets().dataKeyCacheSize());
    }

    @Bean
    ForSealingSecrets secretSealer(DataKeys dataKeys, MasterKeyRing masterKeys) {
        return new EnvelopeSecretSealer(dataKeys, masterKeys);
    }

    @Bean
    DataKeysEndpoint dataKeysEndpoint(DataKeys dataKeys) {
        return new DataKeysEndpoint(dataKeys::primaryMasterKeyId, dataKeys::countByMasterKey, () -> {
            RewrapReport report = dataKeys.rewrapAll();
            return new DataKeysEndpoint.Rewrap(
                    report.examined(),
                    report.rewrapped(),
                    report.alreadyUnderPrimary(),
                    report.failed(),
                    report.primaryMasterKeyId());
        });
    }

    static MasterKeyRing masterKeyRing(
            RegistryProperties.Secrets secrets,
            boolean embeddedDefault,
            RegistryProperties.EmbeddedMongo embeddedMongo) {
        boolean keyset = StringUtils.hasText(secrets.keyset());
        if (!secrets.masterKeys().isEmpty()) {
            if (keyset) {
                throw new IllegalStateException("both " + MasterKeys.KEYSET_PROPERTY + " and "
                        + MasterKeyRing.MASTER_KEYS_PROPERTY + " are configured; keep only "
                        + MasterKeyRing.MASTER_KEYS_PROPERTY + " (list the old keyset there with the id '"
                        + MasterKeyRing.DEFAULT_ID + "')");
            }
            return MasterKeyRing.of(secrets.masterKeys().stream()
                    .map(key ->
                            key == null ? null : new MasterKeyRing.Configured(key.id(), key.keyset(), key.primary()))
                    .toList());
        }
        if (keyset) {
            return MasterKeyRing.single(MasterKeys.fromConfiguredKeyset(secrets.keyset()));
        }
        if (embeddedDefault) {
            return MasterKeyRing.single(MasterKeys.loadOrGenerate(embeddedMongo.path()));
        }
        throw new IllegalStateException(MasterKeyRing.MASTER_KEYS_PROPERTY + " (or " + MasterKeys.KEYSET_PROPERTY
                + ") is required when spring.data.mongodb.uri is set: configure the master keys (Tink JSON"
                + " keysets, AES-256-GCM) that wrap the data keys of client secrets, API keys and tokens");
    }
}
